package dev.ticketing.common.testing;

/** An engine of the test class's own with a 3-node broker (see {@link EnginePerClassExtension}). */
public final class ClusterEngineExtension extends EnginePerClassExtension {
    public ClusterEngineExtension() {
        super(3, false);
    }
}
