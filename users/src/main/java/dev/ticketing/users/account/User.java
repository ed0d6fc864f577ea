package dev.ticketing.users.account;

/** A stored user; the id is a UUID string, the one other services read from the session token. */
public record User(String id, String email, String passwordHash) {
}
