package dev.ticketing.users.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.common.auth.JwtVerifier;
import dev.ticketing.common.testing.TestTokens;
import dev.ticketing.users.UsersIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The admin role: given by ticketing.users.admin-emails (test config), carried in the token, told by currentuser. */
class AdminRoleTest extends UsersIntegrationTest {

    @Test
    void anEmailOfTheListIsAnAdminInTheAnswerTheTokenAndTheCurrentUser() throws Exception {
        HttpResponse<String> r = signUp("ops@admin.test", PASSWORD);
        if (r.statusCode() == 400) r = signIn("ops@admin.test", PASSWORD); // signed up by an earlier run on this engine
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        assertThat(json(r).get("admin").asBoolean()).isTrue();

        CurrentUser user = new JwtVerifier(TestTokens.SECRET).verify(sessionToken(r)).orElseThrow();
        assertThat(user.admin()).isTrue();
        JsonNode current = json(get("/api/users/currentuser", "session=" + sessionToken(r))).get("currentUser");
        assertThat(current.get("admin").asBoolean()).isTrue();
    }

    @Test
    void anyOtherUserIsNot() throws Exception {
        HttpResponse<String> r = signUp(newEmail("ops"), PASSWORD);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(json(r).get("admin").asBoolean()).isFalse();
        assertThat(new JwtVerifier(TestTokens.SECRET).verify(sessionToken(r)).orElseThrow().admin()).isFalse();
        JsonNode current = json(get("/api/users/currentuser", "session=" + sessionToken(r))).get("currentUser");
        assertThat(current.get("admin").asBoolean()).isFalse();
    }
}
