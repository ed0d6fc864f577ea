package dev.ticketing.common.bus;

import java.util.concurrent.Callable;

/**
 * Runs the handling of several messages as one unit of work, typically one database transaction, so a
 * batch costs one commit instead of one per message. The work either completes as a whole or throws,
 * in which case nothing of it may remain (the listener then handles the messages one by one).
 */
public interface BatchScope {
    <T> T inOne(Callable<T> work) throws Exception;

    /** No grouping: each message is handled on its own. */
    BatchScope NONE = new BatchScope() {
        @Override
        public <T> T inOne(Callable<T> work) throws Exception {
            return work.call();
        }
    };
}
