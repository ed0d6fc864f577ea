package dev.ticketing.transactions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.testing.TestJson;
import dev.ticketing.transactions.TransactionsIntegrationTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TransactionApiTest extends TransactionsIntegrationTest {
    private static final String INSUFFICIENT_FUNDS = "{\"errors\":[{\"message\":\"insufficient funds\",\"field\":\"amount\"}]}";

    private JsonNode created(String user, String type, String amount) throws Exception {
        HttpResponse<String> r = post(user, type, amount);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestJson.read(r.body());
    }

    private List<String> fieldsOf(HttpResponse<String> r) {
        List<String> fields = new ArrayList<>();
        TestJson.read(r.body()).get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    private List<Long> numbersOf(String user) {
        return jdbc.queryForList("select number from transactions where user_id = ? order by number", Long.class, user);
    }

    private Map<String, Object> counterOf(String user) {
        return jdbc.queryForMap("select last_number, balance from user_counters where user_id = ?", user);
    }

    @Test
    void transactionsAreForASignedInUserOnly() throws Exception {
        HttpResponse<String> create = send("POST", "/api/transactions", null, "{\"type\":\"deposit\",\"amount\":10}");
        assertThat(create.statusCode()).isEqualTo(401);
        assertThat(create.body()).isEqualTo("{\"errors\":[{\"message\":\"not authorized\"}]}");
        assertThat(send("GET", "/api/transactions", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void createValidatesTypeAndAmount() throws Exception {
        String user = newUser("invalid");
        HttpResponse<String> both = post(user, "transfer", "-10");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(fieldsOf(both)).containsExactlyInAnyOrder("type", "amount");
        assertThat(both.body()).contains("type must be deposit or withdrawal").contains("amount must be greater than 0");

        assertThat(post(user, "deposit", "0").body()).contains("amount must be greater than 0");
        assertThat(post(user, "deposit", "1.001").body()).contains("amount has at most 10 digits and 2 decimals");
        HttpResponse<String> noType = send("POST", "/api/transactions", user, "{\"amount\":5}");
        assertThat(noType.statusCode()).isEqualTo(400);
        assertThat(noType.body()).contains("type is required").contains("\"field\":\"type\"");
        HttpResponse<String> noAmount = send("POST", "/api/transactions", user, "{\"type\":\"deposit\"}");
        assertThat(noAmount.statusCode()).isEqualTo(400);
        assertThat(noAmount.body()).contains("amount is required").contains("\"field\":\"amount\"");
        HttpResponse<String> wrongType = post(user, "deposit", "\"lots\"");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(fieldsOf(wrongType)).containsExactly("amount");
        assertThat(fieldsOf(post(user, "deposit", "\"5\""))).as("a number in text is not a number").containsExactly("amount");
        HttpResponse<String> numberType = send("POST", "/api/transactions", user, "{\"type\":1,\"amount\":5}");
        assertThat(numberType.statusCode()).isEqualTo(400);
        assertThat(fieldsOf(numberType)).containsExactly("type");

        assertThat(numbersOf(user)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from user_counters where user_id = ?", Long.class, user)).isZero();
        assertThat(outbox("transaction:created/" + user + "#")).isEmpty();
    }

    /** The seed's walk-through: deposit 70, deposit 40, withdraw 100 are numbers 1, 2, 3 and leave 10. */
    @Test
    void theWalkThroughIsNumberedOneTwoThreeAndEachEventIsPublished() throws Exception {
        String user = newUser("walk");
        JsonNode first = created(user, "deposit", "70");
        JsonNode second = created(user, "deposit", "40");
        JsonNode third = created(user, "withdrawal", "100");

        assertThat(first.get("number").asLong()).isEqualTo(1);
        assertThat(second.get("number").asLong()).isEqualTo(2);
        assertThat(third.get("number").asLong()).isEqualTo(3);
        assertThat(third.get("type").asString()).isEqualTo("withdrawal");
        assertThat(third.get("userId").asString()).isEqualTo(user);
        assertThat(third.get("amount").decimalValue()).isEqualByComparingTo("100");
        assertThat(counterOf(user).get("last_number")).isEqualTo(3L);
        assertThat((BigDecimal) counterOf(user).get("balance")).isEqualByComparingTo("10");

        List<Map<String, Object>> rows = outbox("transaction:created/" + user + "#");
        assertThat(rows).extracting(r -> r.get("message_id")).containsExactly(
                "transaction:created/" + user + "#1", "transaction:created/" + user + "#2", "transaction:created/" + user + "#3");
        assertThat((String) rows.get(2).get("payload")).contains("\"id\":\"" + third.get("id").asString() + "\"")
                .contains("\"userId\":\"" + user + "\"").contains("\"type\":\"withdrawal\"")
                .contains("\"amount\":100.00").contains("\"number\":3");

        await("relayed").atMost(Duration.ofSeconds(10)).until(() -> outbox("transaction:created/" + user + "#").stream()
                .allMatch(r -> r.get("sent_at") != null));
        List<String> published = onStream("events.transaction.created", "transaction:created/" + user + "#");
        assertThat(published).hasSize(3);
        for (int n = 1; n <= 3; n++) assertThat(published.get(n - 1)).contains("\"number\":" + n);
    }

    @Test
    void listIsTheUsersOwnTransactionsByNumber() throws Exception {
        String user = newUser("list");
        String other = newUser("other");
        created(user, "deposit", "70");
        created(other, "deposit", "5");
        created(user, "withdrawal", "20.5");

        HttpResponse<String> r = send("GET", "/api/transactions", user, null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode list = TestJson.read(r.body());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("number").asLong()).isEqualTo(1);
        assertThat(list.get(0).get("type").asString()).isEqualTo("deposit");
        assertThat(list.get(1).get("number").asLong()).isEqualTo(2);
        assertThat(list.get(1).get("amount").decimalValue()).isEqualByComparingTo("20.50");
        assertThat(r.body()).doesNotContain(other);
    }

    @Test
    void aWithdrawalLargerThanTheBalanceIsRejectedAndConsumesNoNumber() throws Exception {
        String user = newUser("overdraft");
        created(user, "deposit", "70");

        HttpResponse<String> rejected = post(user, "withdrawal", "70.01");
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).isEqualTo(INSUFFICIENT_FUNDS);

        assertThat(created(user, "withdrawal", "70").get("number").asLong()).as("down to exactly 0 is allowed").isEqualTo(2);
        assertThat(post(user, "withdrawal", "0.01").body()).isEqualTo(INSUFFICIENT_FUNDS);
        assertThat(created(user, "deposit", "5").get("number").asLong()).isEqualTo(3);

        assertThat(numbersOf(user)).containsExactly(1L, 2L, 3L);
        assertThat(outbox("transaction:created/" + user + "#")).hasSize(3);
        assertThat((BigDecimal) counterOf(user).get("balance")).isEqualByComparingTo("5");
    }

    @Test
    void aNewUsersFirstWithdrawalIsRejectedAndLeavesNothing() throws Exception {
        String user = newUser("empty");
        assertThat(post(user, "withdrawal", "1").body()).isEqualTo(INSUFFICIENT_FUNDS);
        assertThat(jdbc.queryForObject("select count(*) from user_counters where user_id = ?", Long.class, user)).isZero();
        assertThat(numbersOf(user)).isEmpty();
        assertThat(created(user, "deposit", "1").get("number").asLong()).isEqualTo(1);
    }
}
