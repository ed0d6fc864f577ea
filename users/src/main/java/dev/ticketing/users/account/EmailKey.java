package dev.ticketing.users.account;

import java.util.Locale;

/** The one rule for "the same email": compared without regard to case. */
public final class EmailKey {
    private EmailKey() {
    }

    public static String of(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
