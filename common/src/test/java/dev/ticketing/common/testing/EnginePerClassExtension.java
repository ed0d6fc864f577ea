package dev.ticketing.common.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the {@link TestEngine} parameter of an engine of its own with a broker of {@code nodes} nodes:
 * started for its test class and stopped after it, for tests that kill, crash or roll back the broker, so that
 * no other class shares it. Also resolves the parameter of a {@code @BeforeAll} method.
 */
abstract class EnginePerClassExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EnginePerClassExtension.class);
    private final int nodes;

    EnginePerClassExtension(int nodes) {
        this.nodes = nodes;
    }

    private record Started(TestEngine engine) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            engine.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext c) {
        started(c);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == TestEngine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return started(c).engine();
    }

    private Started started(ExtensionContext c) {
        return c.getStore(NAMESPACE).getOrComputeIfAbsent(Started.class, k -> new Started(TestEngine.start(nodes)), Started.class);
    }
}
