package dev.ticketing.users.account;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A new password: 8 to 72 characters and at most 72 bytes in UTF-8 (see {@link PasswordRule}). */
@Constraint(validatedBy = PasswordRule.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidPassword {
    String message() default "password must be between 8 and 72 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
