package dev.ticketing.proof.load;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.common.auth.JwtIssuer;
import dev.ticketing.common.testing.TestJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * HTTP calls of a client. A call that fails for a reason that may pass (connection refused, 5xx while
 * PostgreSQL restarts) is retried for a bounded time; every retry is counted.
 */
public final class Api {
    private static final Duration RETRY_FOR = Duration.ofSeconds(60);
    private final Duration retryFor;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JwtIssuer issuer;
    private final ConcurrentHashMap<String, String> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> sessions = new ConcurrentHashMap<>();
    final LongAdder retries = new LongAdder();
    private final LongAdder unavailable = new LongAdder();
    private final LongAdder otherErrors = new LongAdder();
    private final LongAdder timeouts = new LongAdder();

    public Api(String jwtKey) {
        this(jwtKey, Duration.ZERO);
    }

    /** @param outage the longest outage a call must outlast: calls are retried for a minute beyond it */
    public Api(String jwtKey, Duration outage) {
        this.retryFor = RETRY_FOR.plus(outage);
        this.issuer = new JwtIssuer(jwtKey);
    }

    /** @param cookies the Set-Cookie values of the answer */
    public record Reply(int status, String body, List<String> cookies) {
        Reply(int status, String body) {
            this(status, body, List.of());
        }

        /** {@code session=<token>} when the answer sets the session cookie. */
        Optional<String> session() {
            return cookies.stream().filter(c -> c.startsWith("session=")).map(c -> c.split(";", 2)[0]).findFirst();
        }
    }

    public Reply call(String method, String url, String user, String json) throws InterruptedException {
        return call(method, List.of(url), "", user, json);
    }

    /**
     * Calls {@code path} on one of several replicas of a service; when one cannot be reached (killed,
     * restarting) the retry goes to the next, as a load balancer would.
     */
    public Reply call(String method, List<String> replicas, String path, String user, String json)
            throws InterruptedException {
        long deadline = System.nanoTime() + retryFor.toNanos();
        int replica = ThreadLocalRandom.current().nextInt(replicas.size());
        while (true) {
            String url = replicas.get(replica) + path;
            try {
                HttpResponse<String> r = http.send(request(method, url, user, json), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 503) unavailable.increment();
                else if (r.statusCode() >= 500) otherErrors.increment();
                if (r.statusCode() < 500 || System.nanoTime() > deadline) {
                    return new Reply(r.statusCode(), r.body(), r.headers().allValues("Set-Cookie"));
                }
            } catch (IOException e) {
                if (e instanceof HttpTimeoutException) timeouts.increment();
                if (System.nanoTime() > deadline) return new Reply(-1, e.toString());
                replica = (replica + 1) % replicas.size();
            }
            retries.increment();
            Thread.sleep(200);
        }
    }

    ServerFailures serverFailures() {
        return new ServerFailures(unavailable.sum(), otherErrors.sum(), timeouts.sum());
    }

    private HttpRequest request(String method, String url, String user, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (user != null && sessions.containsKey(user)) b.header("Cookie", sessions.get(user));
        else if (user != null) b.header("Authorization", "Bearer " + token(user));
        return b.build();
    }

    /**
     * Signs the user up with the users service; from then on the user's calls carry the session cookie it
     * set, as a browser's would, instead of a token minted here.
     */
    public Reply signUp(String usersUrl, String user) throws InterruptedException {
        Reply r = call("POST", usersUrl + "/api/users/signup", null,
                "{\"email\":\"" + user + "@proof.dev\",\"password\":\"proof-password-1\"}");
        r.session().ifPresent(cookie -> sessions.put(user, cookie));
        return r;
    }

    private String token(String user) {
        return tokens.computeIfAbsent(user, u -> issuer.issue(new CurrentUser(u, u + "@proof.dev"), null));
    }

    /** The "id" of a JSON object reply. */
    public static String id(Reply r) {
        return TestJson.read(r.body()).get("id").asString();
    }
}
