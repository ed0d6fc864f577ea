package dev.ticketing.web.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Who is signed in, as the users service says. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record User(String id, String email) {
}
