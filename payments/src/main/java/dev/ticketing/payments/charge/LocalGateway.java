package dev.ticketing.payments.charge;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The offline gateway, the default: stands in for an external provider with test tokens. {@code tok_visa}
 * succeeds, {@code tok_chargeDeclined} is declined, any other token is declined as unknown. Its books are
 * its own tables, written in their own transactions (never the caller's), so like a real provider it
 * remembers every idempotency key across a crash of this process.
 */
final class LocalGateway implements PaymentGateway {
    static final String SUCCEEDS = "tok_visa";
    static final String DECLINES = "tok_chargeDeclined";
    private static final Map<String, String> DECLINED = Map.of(DECLINES, "Your card was declined.");

    private final LocalGatewayBooks books;
    private final TransactionTemplate ownTransaction;

    LocalGateway(LocalGatewayBooks books, PlatformTransactionManager transactions) {
        this.books = books;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public String charge(String key, BigDecimal amount, String currency, String token) throws CardDeclinedException {
        LocalGatewayBooks.Charge wanted = new LocalGatewayBooks.Charge(
                "ch_local_" + compact(UUID.randomUUID()), amount, currency, token, declineMessage(token));
        LocalGatewayBooks.Charge charge = inOwnTransaction(() -> books.chargeOnce(key, wanted));
        if (!charge.sameRequestAs(wanted)) throw GatewayException.conflict(key);
        if (charge.declineMessage() != null) throw new CardDeclinedException(charge.declineMessage());
        return charge.id();
    }

    @Override
    public String refund(String key, String chargeId) {
        Optional<LocalGatewayBooks.Charge> charge = books.findCharge(chargeId);
        if (charge.isEmpty() || charge.get().declineMessage() != null) {
            throw GatewayException.failed("no successful charge " + chargeId + " to refund", null);
        }
        LocalGatewayBooks.Refund refund = inOwnTransaction(() -> books.refundOnce(key, "re_local_" + compact(UUID.randomUUID()), chargeId));
        if (!refund.chargeId().equals(chargeId)) throw GatewayException.conflict(key);
        return refund.id();
    }

    static String declineMessage(String token) {
        if (SUCCEEDS.equals(token)) return null;
        return DECLINED.getOrDefault(token, "unknown test token: the local gateway charges " + SUCCEEDS + " and declines "
                + DECLINES + " (set STRIPE_KEY to charge real cards through Stripe)");
    }

    private <T> T inOwnTransaction(Supplier<T> work) {
        return ownTransaction.execute(status -> work.get());
    }

    private static String compact(UUID id) {
        return id.toString().replace("-", "");
    }
}
