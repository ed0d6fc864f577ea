package dev.ticketing.web.tickets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/** What the sell and edit forms hold, as typed. */
record TicketForm(String title, String price) {
    static TicketForm of(Ticket t) {
        return new TicketForm(t.title(), t.price().setScale(2, RoundingMode.HALF_UP).toPlainString());
    }

    static TicketForm empty() {
        return new TicketForm("", "");
    }

    /** The API body; a price that is not a number is passed as typed, so the API names the field. */
    Map<String, Object> body() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("price", price == null || price.isBlank() ? null : number(price.trim()));
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
