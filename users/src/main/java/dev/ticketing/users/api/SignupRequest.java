package dev.ticketing.users.api;

import dev.ticketing.users.account.ValidPassword;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record SignupRequest(
        @NotBlank(message = "email is required") @Email(message = "email must be valid")
        @Size(max = 254, message = "email is at most 254 characters")
        String email,
        @NotNull(message = "password is required") @ValidPassword
        String password) {
}
