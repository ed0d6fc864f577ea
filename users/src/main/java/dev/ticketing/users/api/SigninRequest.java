package dev.ticketing.users.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

/** No format rules here: a wrong email or password gets one answer that names neither (SignIn). */
record SigninRequest(
        @NotBlank(message = "email is required") String email,
        @NotEmpty(message = "password is required") String password) {
}
