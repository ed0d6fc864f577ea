package dev.ticketing.proof.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.events.Subject;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.proof.cluster.Gateway;
import dev.ticketing.proof.cluster.ServiceProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The admin's live operations dashboard in a real browser, on the real system: tickets, orders and users as
 * JVMs (fewer than WebJourneyTest: the figures need an outbox, consumers and the sign-in, not every service),
 * the web client reading their metrics, the gateway. A non-admin gets 403; the admin sees every service's
 * consumers with a lag chart, and replays a dead letter (a malformed event) with the button. Screenshots go
 * to target/web-journey/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsDashboardTest {
    private static final Duration LIVE = Duration.ofSeconds(30);
    private static final Path SHOTS = Path.of("target/web-journey");
    private static final String PASSWORD = "correct horse battery";
    private static final String ADMIN = "ops-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
    private static final String TICKET_UPDATED = "orders-service_ticket-updated";
    private static final String TICKET_CREATED = "orders-service_ticket-created";

    private static Cluster cluster;
    private static Gateway gateway;
    private static ServiceProcess web;
    private static Browser admin;
    private static Browser someone;

    @BeforeAll
    static void start() throws Exception {
        assertThat(Path.of(Browser.CHROMIUM)).as("chromium (scripts/install-deps.sh installs it)").exists();
        assertThat(Path.of(Browser.CHROMEDRIVER)).as("chromium-driver (scripts/install-deps.sh installs it)").exists();
        Path root = Path.of("").toAbsolutePath().getParent();
        cluster = Cluster.start(root, new Cluster.Layout("tickets", "orders", List.of("users")), 1,
                Map.of("ADMIN_EMAILS", ADMIN));
        int webPort = TestEngine.freePort();
        Map<String, List<Integer>> routes = new LinkedHashMap<>();
        routes.put("tickets", List.of(cluster.owner().port()));
        routes.put("orders", List.of(cluster.replicas().get(0).port()));
        routes.put("users", List.of(cluster.other("users").port()));
        routes.put("web", List.of(webPort));
        gateway = Gateway.start(root, routes);
        String managementUrls = cluster.all().stream().map(s -> s.name() + "=" + s.url()).collect(Collectors.joining(","));
        web = new ServiceProcess("web", Cluster.jarOf(root, "web"), webPort, Map.of("NATS_URL", cluster.engine().natsUrl(),
                "API_URL", gateway.url(), "MANAGEMENT_URLS", managementUrls), cluster.logDir(), ServiceProcess.Placement.HERE);
        web.start();
        web.awaitHealthy(Duration.ofSeconds(120));
        Files.createDirectories(SHOTS);
        admin = new Browser("admin", gateway.url(), SHOTS);
        someone = new Browser("someone", gateway.url(), SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {admin, someone, gateway}) {
            if (c != null) c.close();
        }
        if (web != null) web.stop();
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void someoneWithoutTheAdminRoleGets403() throws Exception {
        signUp(someone, "someone-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com");
        assertThat(someone.find("header").findElements(By.id("operations-link"))).as("no dashboard link").isEmpty();
        someone.open("/admin/operations");
        assertThat(someone.find("#forbidden").getText()).isEqualTo("Admins only");
        someone.screenshot("ops-1-forbidden");

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> signedUp = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/users/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"plain-" + UUID.randomUUID()
                        + "@example.com\",\"password\":\"" + PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = signedUp.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        for (String path : List.of("/admin/operations", "/admin/operations/live")) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + path))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(path).isEqualTo(403);
        }
        HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create(gateway.url()
                        + "/admin/operations/deadletters/1/replay")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("service=orders-1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).as("replay").isEqualTo(403);
    }

    @Test
    @Order(2)
    void theAdminSeesEveryServiceAndConsumerWithALagChartLive() {
        signUp(admin, ADMIN);
        admin.open("/tickets/new"); // an event through the outbox and the consumers: a lag worth charting
        admin.fill("#title", "Dashboard gig");
        admin.fill("#price", "15");
        admin.submit("#sell-form");
        assertThat(admin.find("#ticket-price").getText()).isEqualTo("$15.00");
        admin.click("#operations-link");
        admin.markDocument();

        for (String service : List.of("tickets", "orders-1", "users")) {
            admin.find("section[data-service='" + service + "']");
        }
        admin.find("section[data-service='orders-1'] tr[data-consumer='" + TICKET_UPDATED + "']");
        assertThat(admin.find("section[data-service='tickets'] .outbox").getText()).startsWith("Outbox backlog: ");
        String created = "section[data-service='orders-1'] tr[data-consumer='" + TICKET_CREATED + "']";
        admin.until("a lag chart with points, live", LIVE,
                d -> d.findElements(By.cssSelector(created + " svg.lag-chart circle.point")).size() >= 2);
        admin.until("the sold ticket applied by orders, live", LIVE,
                d -> d.findElement(By.cssSelector(created + " td.applied")).getText().equals("1"));
        assertThat(admin.find(created + " td.pending").getText()).isEqualTo("0");
        assertThat(admin.sameDocument()).as("no reload: pushed").isTrue();
        admin.screenshot("ops-2a-dashboard");
        scrollTo(admin, created);
        admin.screenshot("ops-2b-lag-charts");
    }

    @Test
    @Order(3)
    void aDeadLetterIsShownAndReplayedWithTheButton() throws Exception {
        String subject = Subject.natsSubject(EventBusConfig.defaults("", "").subjectPrefix(), Subjects.TICKET_UPDATED.name(), "3");
        String marker = UUID.randomUUID().toString();
        try (Connection nats = Nats.connect(cluster.engine().natsUrl())) {
            nats.jetStream().publish(subject, ("{\"id\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8),
                    PublishOptions.builder().messageId("malformed/" + marker).build());
        }
        String row = "#dead-letter-list tr[data-consumer='" + TICKET_UPDATED + "']";
        String sequence = admin.until("the dead letter, live", LIVE,
                d -> d.findElements(By.cssSelector(row)).stream().findFirst().map(r -> r.getAttribute("data-sequence")).orElse(null));
        assertThat(admin.find("#dead-letter-state-" + sequence).getText()).isEqualTo("dead");
        admin.until("its count in the consumer's row", LIVE, d -> d.findElement(By.cssSelector(
                "section[data-service='orders-1'] tr[data-consumer='" + TICKET_UPDATED + "'] td.dead")).getText().startsWith("1 "));
        admin.screenshot("ops-3a-dead-letter");

        admin.submit("#replay-" + sequence);
        assertThat(admin.find("#replayed").getText()).contains(sequence);
        admin.until("replayed", LIVE, d -> d.findElement(By.id("dead-letter-state-" + sequence)).getText().equals("replayed"));
        scrollTo(admin, "#dead-letter-state-" + sequence);
        admin.screenshot("ops-3b-replayed");
    }

    /** Brings the element to the middle of the window, for the screenshot. */
    private static void scrollTo(Browser who, String css) {
        who.until("scrolled to " + css, LIVE, d -> ((JavascriptExecutor) d).executeScript(
                "arguments[0].scrollIntoView({block: 'center'}); return true;", d.findElement(By.cssSelector(css))));
    }

    private static void signUp(Browser who, String email) {
        who.open("/signup");
        who.fill("#email", email);
        who.fill("#password", PASSWORD);
        who.submit("#auth-form");
        assertThat(who.find("#signed-in-as").getText()).isEqualTo(email);
    }
}
