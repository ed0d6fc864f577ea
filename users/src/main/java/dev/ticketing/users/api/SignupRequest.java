package dev.ticketing.users.api;

import dev.ticketing.users.account.ValidPassword;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record SignupRequest(
        @NotBlank(message = "email is required") @Email(message = "email must be valid")
        @Size(max = SignupRequest.EMAIL_MAX_LENGTH, message = SignupRequest.EMAIL_TOO_LONG)
        String email,
        @NotNull(message = "password is required") @ValidPassword
        String password) {
    static final int EMAIL_MAX_LENGTH = 254;
    static final String EMAIL_TOO_LONG = "email is at most {max} characters";
}
