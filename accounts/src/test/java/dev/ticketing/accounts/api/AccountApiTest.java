package dev.ticketing.accounts.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.accounts.AccountsIntegrationTest;
import dev.ticketing.accounts.ledger.Ledger;
import dev.ticketing.common.testing.TestJson;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class AccountApiTest extends AccountsIntegrationTest {

    @Autowired
    Ledger ledger;

    @Test
    void meIsForASignedInUserOnly() throws Exception {
        HttpResponse<String> r = send("GET", "/api/accounts/me", null, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"errors\":[{\"message\":\"not authorized\"}]}");
    }

    @Test
    void aUserWithoutTransactionsHasZeroAndLastNumberZero() throws Exception {
        String user = newUser("new");
        HttpResponse<String> r = send("GET", "/api/accounts/me", user, null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = TestJson.read(r.body());
        assertThat(body.get("userId").asString()).isEqualTo(user);
        assertThat(body.get("balance").decimalValue()).isEqualByComparingTo("0");
        assertThat(body.get("lastTransactionNumber").asLong()).isZero();
    }

    @Test
    void meShowsTheBalanceAndLastNumberOfTheSignedInUserOnly() throws Exception {
        String user = newUser("me");
        String other = newUser("other");
        ledger.apply(deposit(user, "70", 1));
        ledger.apply(deposit(user, "40.50", 2));
        ledger.apply(deposit(other, "5", 1));

        JsonNode body = TestJson.read(send("GET", "/api/accounts/me", user, null).body());
        assertThat(body.get("userId").asString()).isEqualTo(user);
        assertThat(body.get("balance").decimalValue()).isEqualByComparingTo("110.50");
        assertThat(body.get("lastTransactionNumber").asLong()).isEqualTo(2);
    }
}
