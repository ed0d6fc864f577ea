package dev.ticketing.proof.bench;

import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.proof.cluster.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The web tier beside a bench's cluster, as {@code ./ticketing up} starts it: with every service's management
 * URL, which its operations dashboard scrapes. {@link #NONE} when the bench runs the pipeline only.
 */
final class WebTier implements AutoCloseable {
    static final WebTier NONE = new WebTier(null);

    private final ServiceProcess web;

    private WebTier(ServiceProcess web) {
        this.web = web;
    }

    static WebTier start(Path root, Cluster cluster) throws Exception {
        String managementUrls = cluster.all().stream().map(s -> s.name() + "=" + s.url()).collect(Collectors.joining(","));
        ServiceProcess web = new ServiceProcess("web", Cluster.jarOf(root, "web"), TestEngine.freePort(),
                Map.of("NATS_URL", cluster.engine().natsUrl(), "API_URL", cluster.owner().url(),
                        "MANAGEMENT_URLS", managementUrls, "JWT_KEY", Cluster.JWT_KEY), cluster.logDir(),
                ServiceProcess.Placement.HERE);
        web.start();
        try {
            web.awaitHealthy(Duration.ofSeconds(120));
        } catch (Exception | Error e) {
            web.stop();
            throw e;
        }
        return new WebTier(web);
    }

    int count() {
        return web == null ? 0 : 1;
    }

    /** Its PID under its name, while it runs. */
    void addTo(Map<String, Long> pids) {
        if (web != null && web.isAlive()) pids.put(web.name(), web.pid());
    }

    @Override
    public void close() throws InterruptedException {
        if (web != null) web.stop();
    }
}
