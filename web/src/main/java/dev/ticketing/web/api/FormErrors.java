package dev.ticketing.web.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Errors to show on a form: one message per field, shown next to it, and the rest at the top. */
public final class FormErrors {
    private final Map<String, String> byField = new LinkedHashMap<>();
    private final List<String> general = new ArrayList<>();

    public static FormErrors none() {
        return new FormErrors();
    }

    public FormErrors add(String field, String message) {
        if (field == null || field.isBlank()) general.add(message);
        else byField.merge(field, message, (a, b) -> a + "; " + b);
        return this;
    }

    /** The message for a field the form shows; a field it does not show must go to {@link #general}. */
    public String on(String field) {
        return byField.get(field);
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    /** Messages without a field, and those of fields not among {@code shown}. */
    public List<String> general(String... shown) {
        List<String> all = new ArrayList<>(general);
        byField.forEach((field, message) -> {
            if (!List.of(shown).contains(field)) all.add(message);
        });
        return all;
    }

    public boolean any() {
        return !byField.isEmpty() || !general.isEmpty();
    }
}
