package dev.ticketing.users.api;

import dev.ticketing.common.auth.JwtVerifier;
import dev.ticketing.spring.web.ApiErrors;
import dev.ticketing.users.account.Signup;
import dev.ticketing.users.account.User;
import dev.ticketing.users.session.Admins;
import dev.ticketing.users.session.SessionCookies;
import dev.ticketing.users.session.SignIn;
import dev.ticketing.users.session.SignInLockedException;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users")
class UsersController {
    private final Signup signup;
    private final SignIn signIn;
    private final SessionCookies cookies;
    private final JwtVerifier verifier;
    private final Admins admins;

    UsersController(Signup signup, SignIn signIn, SessionCookies cookies, JwtVerifier verifier, Admins admins) {
        this.signup = signup;
        this.signIn = signIn;
        this.cookies = cookies;
        this.verifier = verifier;
        this.admins = admins;
    }

    /** Creates the user and signs them in. */
    @PostMapping("/signup")
    ResponseEntity<UserResponse> signup(@Valid @RequestBody SignupRequest request) {
        return signedIn(HttpStatus.CREATED, signup.signUp(request.email(), request.password()));
    }

    @PostMapping("/signin")
    ResponseEntity<UserResponse> signin(@Valid @RequestBody SigninRequest request) {
        return signedIn(HttpStatus.OK, signIn.signIn(request.email(), request.password()));
    }

    @PostMapping("/signout")
    ResponseEntity<Map<String, Object>> signout() {
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookies.signedOut().toString()).body(Map.of());
    }

    /** Never a 401: no token, or an invalid or expired one, is just no current user. */
    @GetMapping("/currentuser")
    CurrentUserResponse currentUser(@RequestHeader(value = HttpHeaders.COOKIE, required = false) String cookie,
                                    @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        return new CurrentUserResponse(verifier.fromRequest(cookie, auth).map(UserResponse::of).orElse(null));
    }

    @ExceptionHandler(SignInLockedException.class)
    ResponseEntity<ApiErrors> locked(SignInLockedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(ApiErrors.of(e.getMessage(), null));
    }

    private ResponseEntity<UserResponse> signedIn(HttpStatus status, User user) {
        return ResponseEntity.status(status).header(HttpHeaders.SET_COOKIE, cookies.signedIn(user).toString())
                .body(UserResponse.of(user, admins.isAdmin(user.email())));
    }
}
