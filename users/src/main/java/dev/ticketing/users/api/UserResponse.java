package dev.ticketing.users.api;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.users.account.User;

/** @param admin whether the user has the admin role (the operations dashboard) */
record UserResponse(String id, String email, boolean admin) {
    static UserResponse of(User user, boolean admin) {
        return new UserResponse(user.id(), user.email(), admin);
    }

    static UserResponse of(CurrentUser user) {
        return new UserResponse(user.id(), user.email(), user.admin());
    }
}
