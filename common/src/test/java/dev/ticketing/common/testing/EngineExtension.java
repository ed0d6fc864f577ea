package dev.ticketing.common.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a {@link TestEngine} parameter. The engine starts once per test JVM and is stopped when
 * the whole run ends (JUnit closes AutoCloseable values of the root store), or by a shutdown hook if the
 * JVM is ended early.
 */
public final class EngineExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == TestEngine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return c.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(TestEngine.class, k -> startWithHook(), TestEngine.class);
    }

    private static TestEngine startWithHook() {
        TestEngine engine = TestEngine.start();
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "test-engine-stop"));
        return engine;
    }
}
