package dev.ticketing.common.paging;

/** One page of a newest-first list: at most {@code limit} rows, those after the cursor (null: from the newest). */
public record PageRequest(int limit, PageCursor after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) throw new InvalidPageRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
    }

    /** The request of the query parameters {@code limit} and {@code after}, either absent (null). */
    public static PageRequest parse(String limit, String after) {
        return new PageRequest(limit(limit), after == null ? null : cursor(after));
    }

    private static int limit(String text) {
        if (text == null) return DEFAULT_LIMIT;
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidPageRequest("limit", "limit must be a whole number");
        }
    }

    private static PageCursor cursor(String text) {
        try {
            return PageCursor.decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidPageRequest("after", "after is not a valid page cursor");
        }
    }

    /** Rows to read: one more than the page, to know whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }

    /** A query parameter that is not a valid page request; {@code field} names it. */
    public static final class InvalidPageRequest extends IllegalArgumentException {
        private final String field;

        InvalidPageRequest(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
