package dev.ticketing.common.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the {@link TestEngine} parameter of an engine with a 3-node broker: started for its test class
 * and stopped after it (its nodes are killed and restarted by the tests, so no other class shares it).
 */
public final class ClusterEngineExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClusterEngineExtension.class);

    private record Started(TestEngine engine) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            engine.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext c) {
        c.getStore(NAMESPACE).getOrComputeIfAbsent(Started.class, k -> new Started(TestEngine.start(3)), Started.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == TestEngine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return c.getStore(NAMESPACE).get(Started.class, Started.class).engine();
    }
}
