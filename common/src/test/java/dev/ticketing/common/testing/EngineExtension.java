package dev.ticketing.common.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the {@link TestEngine} parameter: started once per test JVM, stopped by PID when it exits.
 */
public final class EngineExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == TestEngine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return TestEngine.shared();
    }
}
