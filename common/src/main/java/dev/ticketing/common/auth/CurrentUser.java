package dev.ticketing.common.auth;

/**
 * The signed-in user, as carried by the JWT claims {@code id}, {@code email} and {@code admin} (the operators'
 * role; a token without the claim is not an admin's).
 */
public record CurrentUser(String id, String email, boolean admin) {
    /** A user without the admin role. */
    public CurrentUser(String id, String email) {
        this(id, email, false);
    }
}
