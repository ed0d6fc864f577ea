package dev.ticketing.web.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4), the samples only: {@code name{label="value",...}
 * value [timestamp]}; comments (# HELP, # TYPE) and blank lines are skipped. Label values may hold the escapes
 * \\, \" and \n. A line that does not parse is skipped, not fatal: one odd meter must not hide the others.
 * (Neither Micrometer nor the Prometheus Java client ships a reader of this format.)
 */
final class PrometheusText {
    private PrometheusText() {
    }

    record Sample(String name, Map<String, String> labels, double value) {
        String label(String key) {
            return labels.get(key);
        }
    }

    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
            Sample sample = sample(trimmed);
            if (sample != null) samples.add(sample);
        }
        return samples;
    }

    private static Sample sample(String line) {
        int nameEnd = 0;
        while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && !Character.isWhitespace(line.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = line.substring(0, nameEnd);
        Map<String, String> labels = new LinkedHashMap<>();
        int rest = nameEnd;
        if (rest < line.length() && line.charAt(rest) == '{') {
            rest = labels(line, rest + 1, labels);
            if (rest < 0) return null;
        }
        String[] fields = line.substring(rest).strip().split("\\s+");
        if (name.isEmpty() || fields.length == 0 || fields[0].isEmpty()) return null;
        Double value = number(fields[0]);
        return value == null ? null : new Sample(name, Map.copyOf(labels), value);
    }

    /** Reads {@code key="value",...}} from {@code at}; the index after the closing brace, or -1 when malformed. */
    private static int labels(String line, int at, Map<String, String> into) {
        int i = at;
        while (true) {
            while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) i++;
            if (i >= line.length()) return -1;
            if (line.charAt(i) == '}') return i + 1;
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') return -1;
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            i = eq + 2;
            while (i < line.length() && line.charAt(i) != '"') {
                char c = line.charAt(i);
                if (c == '\\' && i + 1 < line.length()) {
                    char next = line.charAt(++i);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                i++;
            }
            if (i >= line.length()) return -1;
            into.put(key, value.toString());
            i++;
        }
    }

    private static Double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
        };
    }
}
