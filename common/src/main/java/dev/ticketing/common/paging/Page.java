package dev.ticketing.common.paging;

import java.util.List;
import java.util.function.Function;

/** A page of a newest-first list and the cursor of the next page (null when this is the last). */
public record Page<T>(List<T> items, PageCursor next) {
    /** A row as read, with its place in the order. */
    public record Row<T>(T item, PageCursor cursor) {
    }

    /** The page of rows read with {@link PageRequest#fetchSize()}: a row beyond the limit means a next page. */
    public static <T> Page<T> of(List<Row<T>> rows, PageRequest request) {
        int limit = request.limit();
        List<T> items = rows.stream().limit(limit).map(Row::item).toList();
        return new Page<>(items, rows.size() > limit ? rows.get(limit - 1).cursor() : null);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        return new Page<>(items.stream().<R>map(f).toList(), next);
    }
}
