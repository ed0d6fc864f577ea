package dev.ticketing.users.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.users.UsersIntegrationTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;

class SignupTest extends UsersIntegrationTest {

    @Test
    void signUpCreatesTheUserAndSignsThemIn() throws Exception {
        String email = newEmail("New.User");
        HttpResponse<String> r = signUp(email, PASSWORD);

        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode body = json(r);
        assertThat(body.get("email").asString()).isEqualTo(email);
        String id = body.get("id").asString();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("id", "email", "admin");
        assertThat(body.get("admin").asBoolean()).as("not in ticketing.users.admin-emails").isFalse();

        JsonNode current = json(get("/api/users/currentuser", "session=" + sessionToken(r))).get("currentUser");
        assertThat(current.get("id").asString()).isEqualTo(id);
        assertThat(current.get("email").asString()).isEqualTo(email);
    }

    @Test
    void thePasswordIsStoredAsABcryptHashThatMatchesIt() throws Exception {
        String email = newEmail("hashed");
        HttpResponse<String> r = signUp(email, PASSWORD);
        assertThat(r.body()).doesNotContain(PASSWORD);

        String stored = jdbc.queryForObject("select password_hash from users where id = ?::uuid", String.class,
                json(r).get("id").asString());
        assertThat(stored).startsWith("$2a$10$").doesNotContain(PASSWORD);
        assertThat(new BCryptPasswordEncoder().matches(PASSWORD, stored)).isTrue();
        assertThat(new BCryptPasswordEncoder().matches(PASSWORD + "!", stored)).isFalse();
    }

    @Test
    void anEmailInUseInAnotherCaseIsRefused() throws Exception {
        String email = newEmail("taken");
        assertThat(signUp(email, PASSWORD).statusCode()).isEqualTo(201);

        HttpResponse<String> again = signUp(email.toUpperCase(), "another password");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).isEqualTo("{\"errors\":[{\"message\":\"email in use\",\"field\":\"email\"}]}");
        assertThat(again.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from users where email_key = ?", Long.class,
                email.toLowerCase())).isEqualTo(1);
    }

    @Test
    void anInvalidEmailIsRefusedAndNothingIsStored() throws Exception {
        String email = "not-an-email-" + UUID.randomUUID();
        HttpResponse<String> r = signUp(email, PASSWORD);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"errors\":[{\"message\":\"email must be valid\",\"field\":\"email\"}]}");
        assertThat(jdbc.queryForObject("select count(*) from users where email = ?", Long.class, email)).isZero();
    }

    @Test
    void aPasswordHas8To72Characters() throws Exception {
        assertPasswordRefused("1234567", "password must be between 8 and 72 characters");
        assertPasswordRefused("x".repeat(73), "password must be between 8 and 72 characters");
        assertThat(signUp(newEmail("eight"), "12345678").statusCode()).isEqualTo(201);
        assertThat(signUp(newEmail("seventytwo"), "x".repeat(72)).statusCode()).isEqualTo(201);
        // 8 characters of 4 bytes each: counted as characters, not UTF-16 units or bytes
        assertThat(signUp(newEmail("emoji"), "\uD83D\uDE00".repeat(8)).statusCode()).isEqualTo(201);
    }

    @Test
    void aPasswordOverBcryptsLimitOf72BytesIsRefusedWithItsReason() throws Exception {
        String fortyCharsEightyBytes = "é".repeat(40);
        assertPasswordRefused(fortyCharsEightyBytes,
                "password must be at most 72 bytes in UTF-8 (BCrypt's limit): use fewer accented or non-Latin characters");
        assertThat(signUp(newEmail("bytes"), "é".repeat(36)).statusCode()).isEqualTo(201);
    }

    @Test
    void missingFieldsAreNamed() throws Exception {
        HttpResponse<String> r = post("/api/users/signup", "{}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("email", "password");
    }

    @Test
    void aBodyThatIsNotJsonOrHasWrongTypesIsA400() throws Exception {
        HttpResponse<String> notJson = post("/api/users/signup", "{\"email\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).isEqualTo("{\"errors\":[{\"message\":\"request body is not valid JSON\"}]}");

        HttpResponse<String> number = post("/api/users/signup", "{\"email\":\"a@b.dev\",\"password\":12345678}");
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(number.body())
                .isEqualTo("{\"errors\":[{\"message\":\"password has the wrong type\",\"field\":\"password\"}]}");

        HttpResponse<String> array = post("/api/users/signup", "[]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(json(array).get("errors")).isNotEmpty();
    }

    private void assertPasswordRefused(String password, String message) throws Exception {
        HttpResponse<String> r = signUp(newEmail("refused"), password);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = json(r).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("password");
        assertThat(error.get("message").asString()).isEqualTo(message);
        assertThat(json(r).get("errors")).hasSize(1);
    }
}
