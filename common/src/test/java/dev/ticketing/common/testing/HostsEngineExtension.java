package dev.ticketing.common.testing;

/**
 * An engine of the test class's own across test hosts: broker nodes n1-n3 on hosts 1-3, PostgreSQL on host 4,
 * the test JVM on host 0. Gives tests (and {@code @BeforeAll} methods) the {@link TestEngine} and the
 * {@link TestHosts} (see {@link EnginePerClassExtension}).
 */
public final class HostsEngineExtension extends EnginePerClassExtension {
    public HostsEngineExtension() {
        super(3, true);
    }
}
