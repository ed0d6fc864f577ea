package dev.ticketing.users.api;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.users.account.User;

record UserResponse(String id, String email) {
    static UserResponse of(User user) {
        return new UserResponse(user.id(), user.email());
    }

    static UserResponse of(CurrentUser user) {
        return new UserResponse(user.id(), user.email());
    }
}
