package dev.ticketing.spring.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The one error body of every service: {@code {"errors":[{"message":"...","field":"..."}]}}. */
public record ApiErrors(List<Error> errors) {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String message, String field) {
    }

    public static ApiErrors of(String message, String field) {
        return new ApiErrors(List.of(new Error(message, field)));
    }
}
