package dev.ticketing.common.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the {@link TestEngine} parameter of an engine of its own with a broker of {@code nodes} nodes:
 * started for its test class and stopped after it, for tests that kill, crash or roll back the broker, so that
 * no other class shares it. Also resolves the parameter of a {@code @BeforeAll} method. On test hosts, the
 * {@link TestHosts} too (see {@link TestEngine#onHosts}); after the class every cut is healed and the hosts removed.
 */
abstract class EnginePerClassExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EnginePerClassExtension.class);
    private final int nodes;
    private final boolean onHosts;

    EnginePerClassExtension(int nodes, boolean onHosts) {
        this.nodes = nodes;
        this.onHosts = onHosts;
    }

    /** {@code hosts} null: the engine runs on 127.0.0.1. */
    private record Started(TestHosts hosts, TestEngine engine) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            try {
                if (hosts != null) hosts.heal();
                engine.close();
            } finally {
                if (hosts != null) hosts.close();
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
        return type == TestEngine.class || (onHosts && type == TestHosts.class);
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        Started s = started(c);
        return p.getParameter().getType() == TestHosts.class ? s.hosts() : s.engine();
    }

    private Started started(ExtensionContext c) {
        return c.getStore(NAMESPACE).getOrComputeIfAbsent(Started.class, k -> start(), Started.class);
    }

    private Started start() {
        if (!onHosts) return new Started(null, TestEngine.start(nodes));
        TestHosts hosts = TestHosts.up(nodes + 1);
        try {
            return new Started(hosts, TestEngine.onHosts(hosts, nodes));
        } catch (RuntimeException e) {
            hosts.close();
            throw e;
        }
    }
}
