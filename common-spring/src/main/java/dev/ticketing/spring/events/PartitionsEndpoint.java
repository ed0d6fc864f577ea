package dev.ticketing.spring.events;

import dev.ticketing.common.bus.RunningListener;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * Which partitions of each listener this process consumes now (/actuator/partitions): durable name to the
 * sorted partition numbers. What the process does, not what the lease bucket says: a process cut off from the
 * broker keeps consuming what it held until it sees its leases lapse.
 */
@Endpoint(id = "partitions")
public class PartitionsEndpoint {
    private final ListenerLifecycle listeners;

    public PartitionsEndpoint(ListenerLifecycle listeners) {
        this.listeners = listeners;
    }

    @ReadOperation
    public Map<String, List<Integer>> owned() {
        Map<String, List<Integer>> owned = new TreeMap<>();
        for (RunningListener<?> r : listeners.running()) owned.put(r.durable(), r.ownedPartitions().stream().sorted().toList());
        return owned;
    }
}
