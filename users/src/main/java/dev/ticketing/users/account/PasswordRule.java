package dev.ticketing.users.account;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link ValidPassword}; a missing password is left to {@code @NotNull}. */
public class PasswordRule implements ConstraintValidator<ValidPassword, String> {
    static final String TOO_MANY_BYTES = "password must be at most 72 bytes in UTF-8 (BCrypt's limit): "
            + "use fewer accented or non-Latin characters";

    @Override
    public boolean isValid(String password, ConstraintValidatorContext context) {
        if (password == null) return true;
        int length = password.codePointCount(0, password.length());
        if (length < Passwords.MIN_LENGTH || length > Passwords.MAX_LENGTH) return false;
        if (!Passwords.tooManyBytes(password)) return true;
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(TOO_MANY_BYTES).addConstraintViolation();
        return false;
    }
}
