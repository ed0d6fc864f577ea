package dev.ticketing.users.session;

import dev.ticketing.users.account.EmailKey;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who has the admin role (the operations dashboard): {@code ticketing.users.admin-emails}, a comma-separated
 * list (env ADMIN_EMAILS), compared as {@link EmailKey}s. The role is decided when a session is issued and
 * travels in the token's {@code admin} claim.
 */
@Component
public class Admins {
    private final Set<String> emails;

    Admins(@Value("${ticketing.users.admin-emails:}") List<String> emails) {
        this.emails = emails.stream().map(String::trim).filter(e -> !e.isEmpty()).map(EmailKey::of)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean isAdmin(String email) {
        return emails.contains(EmailKey.of(email));
    }
}
