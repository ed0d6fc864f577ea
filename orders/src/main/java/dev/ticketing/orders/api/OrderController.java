package dev.ticketing.orders.api;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.common.paging.PageRequest;
import dev.ticketing.orders.order.Order;
import dev.ticketing.orders.order.OrderCommands;
import dev.ticketing.orders.order.OrderRepository;
import dev.ticketing.orders.replica.TicketReplicaRepository;
import dev.ticketing.spring.web.ApiException;
import dev.ticketing.spring.web.Paging;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
public class OrderController {
    private final OrderCommands commands;
    private final OrderRepository orders;
    private final TicketReplicaRepository tickets;

    public OrderController(OrderCommands commands, OrderRepository orders, TicketReplicaRepository tickets) {
        this.commands = commands;
        this.orders = orders;
        this.tickets = tickets;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public OrderResponse place(CurrentUser user, @Valid @RequestBody OrderRequest request) {
        return view(commands.place(ticketId(request.ticketId()), user));
    }

    /** Mine, newest first, a page at a time. */
    @GetMapping
    public ResponseEntity<List<OrderResponse>> mine(CurrentUser user, @RequestParam(required = false) String limit,
                                                    @RequestParam(required = false) String after) {
        PageRequest page = Paging.request(limit, after);
        return Paging.answer("/api/orders", page, orders.findByUser(user.id(), page).map(this::view));
    }

    @GetMapping("/{id}")
    public OrderResponse show(CurrentUser user, @PathVariable UUID id) {
        Order order = orders.find(id).orElseThrow(() -> ApiException.notFound("order not found"));
        if (!order.userId().equals(user.id())) throw ApiException.forbidden("not your order");
        return view(order);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void cancel(CurrentUser user, @PathVariable UUID id) {
        commands.cancel(id, user);
    }

    private static UUID ticketId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("ticketId must be a valid id", "ticketId");
        }
    }

    private OrderResponse view(Order o) {
        return OrderResponse.of(o, tickets.find(o.ticketId()).map(OrderResponse.TicketView::of).orElse(null));
    }
}
