package dev.ticketing.proof.bench;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table with padded columns: readable in a terminal, pasteable into docs/BENCHMARKS.md. */
final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    Table row(String... cells) {
        if (cells.length != headers.size()) throw new IllegalArgumentException("row of " + cells.length + " cells");
        rows.add(List.of(cells));
        return this;
    }

    String render() {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = Math.max(3, headers.get(i).length());
            for (List<String> r : rows) width[i] = Math.max(width[i], r.get(i).length());
        }
        StringBuilder s = new StringBuilder();
        line(s, headers, width);
        List<String> rule = new ArrayList<>();
        for (int w : width) rule.add("-".repeat(w));
        line(s, rule, width);
        for (List<String> r : rows) line(s, r, width);
        return s.toString();
    }

    private static void line(StringBuilder s, List<String> cells, int[] width) {
        s.append('|');
        for (int i = 0; i < cells.size(); i++) {
            s.append(' ').append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length())).append(" |");
        }
        s.append('\n');
    }
}
