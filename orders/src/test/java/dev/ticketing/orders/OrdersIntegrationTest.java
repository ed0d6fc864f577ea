package dev.ticketing.orders;

import dev.ticketing.orders.order.OrderCommands;
import dev.ticketing.orders.replica.TicketReplica;
import dev.ticketing.orders.replica.TicketReplicaRepository;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;

/** The orders service on the real engine, with a ticket in its replica at hand. */
public abstract class OrdersIntegrationTest extends ServiceIntegrationTest {
    @Autowired
    protected TicketReplicaRepository tickets;

    @Autowired
    protected OrderCommands commands;

    /** A ticket the replica knows (version 0, price 20.00), as if ticket:created had been applied. */
    protected UUID ticket() {
        UUID id = UUID.randomUUID();
        tickets.insert(new TicketReplica(id, "concert", new BigDecimal("20.00"), 0));
        return id;
    }
}
