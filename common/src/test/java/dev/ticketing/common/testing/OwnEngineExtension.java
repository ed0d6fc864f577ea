package dev.ticketing.common.testing;

/** An engine of the test class's own with one broker node (see {@link EnginePerClassExtension}). */
public final class OwnEngineExtension extends EnginePerClassExtension {
    public OwnEngineExtension() {
        super(1, false);
    }
}
