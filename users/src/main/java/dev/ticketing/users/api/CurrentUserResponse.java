package dev.ticketing.users.api;

/** {@code {"currentUser": {...}}}, or {@code {"currentUser": null}} when not signed in. */
record CurrentUserResponse(UserResponse currentUser) {
}
