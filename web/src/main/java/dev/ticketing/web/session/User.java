package dev.ticketing.web.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Who is signed in, as the users service says (it verified the session token).
 *
 * @param admin the admin role (the operations dashboard), from the token's claim
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record User(String id, String email, boolean admin) {
    /** The model attribute every page has (null when nobody is signed in). */
    public static final String MODEL_ATTRIBUTE = "currentUser";
}
