package dev.ticketing.users.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** No email format rule here: a wrong email or password gets one answer that names neither (SignIn). */
record SigninRequest(
        // No user has a longer one, and the throttle keeps a row per email tried.
        @NotBlank(message = "email is required")
        @Size(max = SignupRequest.EMAIL_MAX_LENGTH, message = SignupRequest.EMAIL_TOO_LONG)
        String email,
        @NotEmpty(message = "password is required") String password) {
}
