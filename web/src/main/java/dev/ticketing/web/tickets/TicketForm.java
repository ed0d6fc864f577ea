package dev.ticketing.web.tickets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/** What the sell and edit forms hold, as typed; the edit form also the version it shows (null to sell). */
record TicketForm(String title, String price, String version) {
    static TicketForm of(Ticket t) {
        return new TicketForm(t.title(), t.price().setScale(2, RoundingMode.HALF_UP).toPlainString(),
                Long.toString(t.version()));
    }

    static TicketForm empty() {
        return new TicketForm("", "", null);
    }

    /** The API body; a price that is not a number is passed as typed, so the API names the field. */
    Map<String, Object> body() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("price", price == null || price.isBlank() ? null : number(price.trim()));
        if (version != null && version.matches("\\d{1,18}")) body.put("version", Long.parseLong(version));
        return body;
    }

    private static Object number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
