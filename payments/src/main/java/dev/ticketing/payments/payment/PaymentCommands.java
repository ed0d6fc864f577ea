package dev.ticketing.payments.payment;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.payments.charge.CardDeclinedException;
import dev.ticketing.payments.charge.GatewayException;
import dev.ticketing.payments.charge.PaymentGateway;
import dev.ticketing.payments.replica.OrderReplica;
import dev.ticketing.payments.replica.OrderReplicaRepository;
import dev.ticketing.spring.web.ApiException;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Paying an order: check it against the replica, charge it outside any database transaction (with the
 * order's idempotency key, so a retry or a concurrent request is the same charge), then store the payment
 * and payment:created in one transaction. The unique order_id lets one of concurrent requests store it.
 */
@Service
public class PaymentCommands {
    private static final Logger log = LoggerFactory.getLogger(PaymentCommands.class);
    private final OrderReplicaRepository orders;
    private final PaymentRepository payments;
    private final ChargeAttempts attempts;
    private final PaymentEvents events;
    private final PaymentGateway gateway;
    private final TransactionTemplate transaction;
    private final String currency;

    PaymentCommands(OrderReplicaRepository orders, PaymentRepository payments, ChargeAttempts attempts, PaymentEvents events,
                    PaymentGateway gateway, PlatformTransactionManager transactions, @Value("${payments.currency:usd}") String currency) {
        this.orders = orders;
        this.payments = payments;
        this.attempts = attempts;
        this.events = events;
        this.gateway = gateway;
        this.transaction = new TransactionTemplate(transactions);
        this.currency = currency;
    }

    public Payment pay(UUID orderId, String token, CurrentUser user) {
        OrderReplica order = payable(orderId, user);
        String chargeId = charge(order, token);
        Payment payment = new Payment(UUID.randomUUID(), orderId, user.id(), chargeId, order.price(), currency,
                PaymentStatus.CREATED, null, 0);
        try {
            transaction.executeWithoutResult(status -> {
                payments.insert(payment);
                events.created(payment);
            });
        } catch (DuplicateKeyException concurrentPayment) {
            // The other request charged with the same key: the same charge, stored once.
            throw alreadyPaid();
        }
        return payment;
    }

    private OrderReplica payable(UUID orderId, CurrentUser user) {
        OrderReplica order = orders.find(orderId).orElseThrow(() -> ApiException.notFound("order not found"));
        if (!order.userId().equals(user.id())) throw ApiException.forbidden("not your order");
        PaymentRule.refusal(order, payments.existsForOrder(orderId), Instant.now()).ifPresent(reason -> {
            throw ApiException.badRequest(reason, "orderId");
        });
        return order;
    }

    private String charge(OrderReplica order, String token) {
        long attempt = attempts.current(order.id());
        try {
            return gateway.charge(ChargeAttempts.idempotencyKey(order.id(), attempt), order.price(), currency, token);
        } catch (CardDeclinedException e) {
            attempts.declined(order.id(), attempt);
            throw new ApiException(HttpStatus.PAYMENT_REQUIRED, e.getMessage(), "token");
        } catch (GatewayException e) {
            log.warn("charge of order {} failed: {}", order.id(), e.getMessage());
            if (e.conflict()) throw ApiException.conflict("another payment of this order is under way; try again");
            throw new ApiException(HttpStatus.BAD_GATEWAY, "the payment gateway cannot be reached; try again", null);
        }
    }

    private static ApiException alreadyPaid() {
        return ApiException.badRequest(PaymentRule.ALREADY_PAID, "orderId");
    }
}
