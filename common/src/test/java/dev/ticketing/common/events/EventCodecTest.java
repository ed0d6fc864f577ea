package dev.ticketing.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.common.ordering.VersionKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsEveryEventType() throws Exception {
        var created = new TicketCreatedEvent("t1", 0, "concert", new BigDecimal("20.50"), "u1");
        var updated = new TicketUpdatedEvent("t1", 1, "concert", new BigDecimal("15"), "u1", null);
        var order = new OrderCreatedEvent("o1", 0, OrderStatus.CREATED, "u2", Instant.parse("2026-11-23T10:00:00Z"),
                new OrderCreatedEvent.TicketRef("t1", new BigDecimal("15")));
        var cancelled = new OrderCancelledEvent("o1", 1, new OrderCancelledEvent.TicketId("t1"));
        var expired = new ExpirationCompleteEvent("o1");
        var tx = new TransactionCreatedEvent("x1", "u1", TransactionCreatedEvent.Type.WITHDRAWAL, BigDecimal.TEN, 3);
        var completed = new OrderCompletedEvent("o1", 1, new OrderCompletedEvent.TicketId("t1"));
        var paid = new PaymentCreatedEvent("p1", "o1", "ch_1", new BigDecimal("15.00"));
        var rejected = new PaymentRejectedEvent("p1", "o1", "ch_1", "order cancelled");
        var refunded = new PaymentRefundedEvent("p1", "o1", "re_1");

        assertThat(EventCodec.decode(Subjects.TICKET_CREATED, EventCodec.encode(created))).isEqualTo(created);
        assertThat(EventCodec.decode(Subjects.TICKET_UPDATED, EventCodec.encode(updated))).isEqualTo(updated);
        assertThat(EventCodec.decode(Subjects.ORDER_CREATED, EventCodec.encode(order))).isEqualTo(order);
        assertThat(EventCodec.decode(Subjects.ORDER_CANCELLED, EventCodec.encode(cancelled))).isEqualTo(cancelled);
        assertThat(EventCodec.decode(Subjects.EXPIRATION_COMPLETE, EventCodec.encode(expired))).isEqualTo(expired);
        assertThat(EventCodec.decode(Subjects.TRANSACTION_CREATED, EventCodec.encode(tx))).isEqualTo(tx);
        assertThat(EventCodec.decode(Subjects.ORDER_COMPLETED, EventCodec.encode(completed))).isEqualTo(completed);
        assertThat(EventCodec.decode(Subjects.PAYMENT_CREATED, EventCodec.encode(paid))).isEqualTo(paid);
        assertThat(EventCodec.decode(Subjects.PAYMENT_REJECTED, EventCodec.encode(rejected))).isEqualTo(rejected);
        assertThat(EventCodec.decode(Subjects.PAYMENT_REFUNDED, EventCodec.encode(refunded))).isEqualTo(refunded);
    }

    @Test
    void paymentEventsTravelWithTheirOrderAndAreKeyedByPayment() {
        var paid = new PaymentCreatedEvent("p1", "o1", "ch_1", BigDecimal.ONE);
        var rejected = new PaymentRejectedEvent("p1", "o1", "ch_1", "order cancelled");
        var completed = new OrderCompletedEvent("o1", 1, new OrderCompletedEvent.TicketId("t1"));
        assertThat(Subjects.PAYMENT_CREATED.messageId(paid)).isEqualTo("payment:created/p1");
        assertThat(Subjects.PAYMENT_REJECTED.messageId(rejected)).isEqualTo("payment:rejected/p1");
        assertThat(Subjects.ORDER_COMPLETED.messageId(completed)).isEqualTo("order:completed/o1@1");
        assertThat(paid.partitionKey()).isEqualTo("o1").isEqualTo(rejected.partitionKey()).isEqualTo(completed.partitionKey());
    }

    @Test
    void paymentEventsBreakingARuleArePoison() {
        assertPoison(Subjects.PAYMENT_CREATED, "{\"id\":\"p\",\"orderId\":\"o\",\"chargeId\":\"c\",\"amount\":0}", "amount > 0");
        assertPoison(Subjects.PAYMENT_CREATED, "{\"id\":\"p\",\"orderId\":\"o\",\"amount\":5}", "chargeId missing");
        assertPoison(Subjects.PAYMENT_REJECTED, "{\"paymentId\":\"p\",\"orderId\":\"o\",\"chargeId\":\"c\",\"reason\":\" \"}",
                "blank reason");
        assertPoison(Subjects.ORDER_COMPLETED, "{\"id\":\"o\",\"version\":1,\"ticket\":null}", "ticket missing");
    }

    @Test
    void writesTheCourseWireNames() {
        var order = new OrderCreatedEvent("o1", 0, OrderStatus.AWAITING_PAYMENT, "u2", Instant.parse("2026-11-23T10:00:00Z"),
                new OrderCreatedEvent.TicketRef("t1", new BigDecimal("15")));
        String text = new String(EventCodec.encode(order), StandardCharsets.UTF_8);
        assertThat(text).contains("\"status\":\"awaiting:payment\"").contains("\"expiresAt\":\"2026-11-23T10:00:00Z\"")
                .contains("\"ticket\":{\"id\":\"t1\",\"price\":15}").doesNotContain("eventKey");
        var tx = new TransactionCreatedEvent("x1", "u1", TransactionCreatedEvent.Type.DEPOSIT, BigDecimal.ONE, 1);
        assertThat(new String(EventCodec.encode(tx), StandardCharsets.UTF_8)).contains("\"type\":\"deposit\"");
    }

    @Test
    void missingFieldIsPoison() {
        assertThatThrownBy(() -> EventCodec.decode(Subjects.TICKET_UPDATED,
                json("{\"id\":\"t1\",\"title\":\"a\",\"price\":10,\"userId\":\"u\",\"orderId\":null}")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("version");
    }

    @Test
    void wronglyTypedFieldIsPoison() {
        String ticket = "{\"id\":%s,\"version\":%s,\"title\":\"a\",\"price\":10,\"userId\":\"u\"}";
        assertPoison(Subjects.TICKET_CREATED, ticket.formatted("\"t1\"", "\"zero\""), "text is not a number");
        assertPoison(Subjects.TICKET_CREATED, ticket.formatted("\"t1\"", "\"1\""), "a number in text is not coerced");
        assertPoison(Subjects.TICKET_CREATED, ticket.formatted("5", "0"), "a number is not text");
        assertPoison(Subjects.TICKET_CREATED, ticket.formatted("\"t1\"", "1.5"), "a fraction is not a whole number");
        assertPoison(Subjects.TRANSACTION_CREATED, "{\"id\":\"x\",\"userId\":\"u\",\"type\":0,\"amount\":5,\"number\":1}",
                "a number is not an enum");
    }

    private static void assertPoison(Subject<?> subject, String json, String why) {
        assertThatThrownBy(() -> EventCodec.decode(subject, json(json))).as(why).isInstanceOf(PoisonMessageException.class);
    }

    @Test
    void nullOrBrokenRuleIsPoison() {
        assertThatThrownBy(() -> EventCodec.decode(Subjects.TICKET_CREATED,
                json("{\"id\":null,\"version\":0,\"title\":\"a\",\"price\":10,\"userId\":\"u\"}")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("id is required");
        assertThatThrownBy(() -> EventCodec.decode(Subjects.TICKET_CREATED,
                json("{\"id\":\"t\",\"version\":0,\"title\":\"a\",\"price\":-1,\"userId\":\"u\"}")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("price");
        assertThatThrownBy(() -> EventCodec.decode(Subjects.ORDER_CREATED,
                json("{\"id\":\"o\",\"version\":0,\"status\":\"lost\",\"userId\":\"u\",\"expiresAt\":\"2026-01-01T00:00:00Z\","
                        + "\"ticket\":{\"id\":\"t\",\"price\":1}}")))
                .isInstanceOf(PoisonMessageException.class);
    }

    @Test
    void notJsonIsPoison() {
        assertThatThrownBy(() -> EventCodec.decode(Subjects.EXPIRATION_COMPLETE, json("not json")))
                .isInstanceOf(PoisonMessageException.class);
        assertThatThrownBy(() -> EventCodec.decode(Subjects.EXPIRATION_COMPLETE, json("{\"orderId\":\"o\"} trailing")))
                .isInstanceOf(PoisonMessageException.class);
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        var e = EventCodec.decode(Subjects.EXPIRATION_COMPLETE, json("{\"orderId\":\"o1\",\"extra\":42}"));
        assertThat(e.orderId()).isEqualTo("o1");
    }

    @Test
    void messageIdIsPerSubjectAndChange() {
        var v1 = new TicketUpdatedEvent("t1", 1, "a", BigDecimal.ONE, "u", null);
        var v2 = new TicketUpdatedEvent("t1", 2, "a", BigDecimal.ONE, "u", null);
        assertThat(Subjects.TICKET_UPDATED.messageId(v1)).isEqualTo("ticket:updated/t1@1");
        assertThat(Subjects.TICKET_UPDATED.messageId(v1)).isNotEqualTo(Subjects.TICKET_UPDATED.messageId(v2));
        assertThat(Subjects.TICKET_UPDATED.natsSubject("events", v1, 16))
                .isEqualTo("events.ticket.updated." + Partitions.of("t1", 16))
                .isEqualTo(Subjects.TICKET_UPDATED.natsSubject("events", v2, 16));
        assertThat(Subjects.TICKET_UPDATED.natsFilter("events")).isEqualTo("events.ticket.updated.*");
    }

    @Test
    void sourcedTicketsCarryTheirSourcesVersionKind() throws Exception {
        var numbered = Subjects.sourcedTickets("mystery", VersionKind.NUMBER);
        var timed = Subjects.sourcedTickets("almanac", VersionKind.INSTANT);
        var at300 = new NumberedTicketEvent("czq", 300, "concert", new BigDecimal("15"));
        var may2 = new TimestampedTicketEvent("czq", "2026-05-02T12:00:00Z", "concert", new BigDecimal("10"));
        assertThat(EventCodec.decode(numbered, json("{\"id\":\"czq\",\"version\":300,\"title\":\"concert\",\"price\":15}")))
                .isEqualTo(at300);
        assertThat(EventCodec.decode(timed, EventCodec.encode(may2))).isEqualTo(may2);
        assertThat(numbered.name()).isEqualTo("mystery:ticket");
        assertThat(at300.eventKey()).isEqualTo("czq@300");
        assertThat(may2.eventKey()).isEqualTo("czq@2026-05-02T12:00:00Z");
        assertThat(may2.partitionKey()).isEqualTo("czq");
    }

    @Test
    void aSourcedVersionOfTheWrongKindOrShapeIsPoison() {
        var timed = Subjects.sourcedTickets("almanac", VersionKind.INSTANT);
        String ticket = "{\"id\":\"czq\",\"version\":%s,\"title\":\"concert\",\"price\":10}";
        assertThatThrownBy(() -> EventCodec.decode(timed, json(ticket.formatted("\"05-01-12:00\""))))
                .as("the seed's form: no year, no zone").isInstanceOf(PoisonMessageException.class).hasMessageContaining("ISO-8601");
        assertPoison(timed, ticket.formatted("1777636800"), "a number is not an instant");
        assertPoison(timed, ticket.formatted("null"), "version missing");
        assertPoison(Subjects.sourcedTickets("mystery", VersionKind.NUMBER), ticket.formatted("\"2026-05-01T12:00:00Z\""),
                "an instant is not a number");
    }
}
