package dev.ticketing.common.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * An engine of the test class's own across test hosts: broker nodes n1-n3 on hosts 1-3, PostgreSQL on host 4,
 * the test JVM on host 0. Gives tests (and {@code @BeforeAll} methods) the {@link TestEngine} and the
 * {@link TestHosts}; after the class every cut is healed, the engine stopped and the hosts removed.
 */
public final class HostsEngineExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HostsEngineExtension.class);
    private static final int NODES = 3;

    private record Started(TestHosts hosts, TestEngine engine) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            try {
                hosts.heal();
                engine.close();
            } finally {
                hosts.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext c) {
        started(c);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        Class<?> type = p.getParameter().getType();
        return type == TestEngine.class || type == TestHosts.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        Started s = started(c);
        return p.getParameter().getType() == TestHosts.class ? s.hosts() : s.engine();
    }

    private Started started(ExtensionContext c) {
        return c.getStore(NAMESPACE).getOrComputeIfAbsent(Started.class, k -> start(), Started.class);
    }

    private static Started start() {
        TestHosts hosts = TestHosts.up(NODES + 1);
        try {
            return new Started(hosts, TestEngine.onHosts(hosts, NODES));
        } catch (RuntimeException e) {
            hosts.close();
            throw e;
        }
    }
}
