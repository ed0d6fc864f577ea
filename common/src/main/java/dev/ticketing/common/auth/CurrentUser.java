package dev.ticketing.common.auth;

/** The signed-in user, as carried by the JWT claims {@code id} and {@code email}. */
public record CurrentUser(String id, String email) {
}
