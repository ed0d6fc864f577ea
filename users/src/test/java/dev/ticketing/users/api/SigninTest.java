package dev.ticketing.users.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.users.UsersIntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigninTest extends UsersIntegrationTest {
    private static final String INVALID = "{\"errors\":[{\"message\":\"invalid email or password\"}]}";

    @Test
    void theRightPasswordSignsInWhateverTheCaseOfTheEmail() throws Exception {
        String email = newEmail("Signer");
        String id = json(signUp(email, PASSWORD)).get("id").asString();

        HttpResponse<String> r = signIn(email.toUpperCase(), PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("id").asString()).isEqualTo(id);
        assertThat(json(r).get("email").asString()).isEqualTo(email);
        assertThat(json(get("/api/users/currentuser", "session=" + sessionToken(r))).at("/currentUser/id").asString())
                .isEqualTo(id);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() throws Exception {
        String email = newEmail("known");
        signUp(email, PASSWORD);

        HttpResponse<String> wrongPassword = signIn(email, PASSWORD + "?");
        HttpResponse<String> unknownEmail = signIn(newEmail("unknown"), PASSWORD);

        for (HttpResponse<String> r : List.of(wrongPassword, unknownEmail)) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).isEqualTo(INVALID);
            assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void aPasswordThatOnlyStartsWithThe72BytesBcryptReadsIsWrong() throws Exception {
        String email = newEmail("long");
        String password = "x".repeat(72);
        signUp(email, password);

        assertThat(signIn(email, password + "y").body()).isEqualTo(INVALID);
        assertThat(signIn(email, password).statusCode()).isEqualTo(200);
    }

    @Test
    void missingOrMalformedCredentialsAreA400() throws Exception {
        HttpResponse<String> missing = post("/api/users/signin", "{\"email\":\"a@b.dev\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("{\"errors\":[{\"message\":\"password is required\",\"field\":\"password\"}]}");

        HttpResponse<String> tooLong = signIn("x".repeat(250) + "@b.dev", PASSWORD);
        assertThat(tooLong.body())
                .isEqualTo("{\"errors\":[{\"message\":\"email is at most 254 characters\",\"field\":\"email\"}]}");

        HttpResponse<String> malformed = post("/api/users/signin", "not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).isEqualTo("{\"errors\":[{\"message\":\"request body is not valid JSON\"}]}");

        HttpResponse<String> wrongType = post("/api/users/signin", "{\"email\":true,\"password\":\"12345678\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).at("/errors/0/field").asString()).isEqualTo("email");
    }
}
