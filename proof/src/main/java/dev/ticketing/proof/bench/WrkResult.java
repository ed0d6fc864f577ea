package dev.ticketing.proof.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one wrk run did, from the line the bench's Lua script prints at its end; times are milliseconds on
 * the monotonic clock, {@code late} counts open-loop requests sent more than 10 ms after their due time.
 */
record WrkResult(long quota, long ok, long status4xx, long status5xx, long socketErrors, double firstMs, double lastMs,
                 long late, double maxLateMs, double cpuSeconds) {
    private static final Pattern LINE = Pattern.compile("(?m)^bench-wrk: (.*)$");
    private static final Pattern PAIR = Pattern.compile("(\\w+)=([0-9.]+)");

    static WrkResult parse(String output, double cpuSeconds) {
        Matcher line = LINE.matcher(output);
        if (!line.find()) throw new IllegalStateException("wrk printed no result line; output:\n" + output);
        Map<String, Double> v = new HashMap<>();
        Matcher m = PAIR.matcher(line.group(1));
        while (m.find()) v.put(m.group(1), Double.parseDouble(m.group(2)));
        return new WrkResult(whole(v, "quota"), whole(v, "ok"), whole(v, "status_4xx"), whole(v, "status_5xx"),
                whole(v, "socket_errors"), v.getOrDefault("first_ms", 0.0), v.getOrDefault("last_ms", 0.0),
                whole(v, "late"), v.getOrDefault("max_late_ms", 0.0), cpuSeconds);
    }

    private static long whole(Map<String, Double> v, String key) {
        return Math.round(v.getOrDefault(key, 0.0));
    }

    /** Every request answered with a 2xx. */
    boolean complete() {
        return quota > 0 && ok == quota && lastMs > 0;
    }

    long failed() {
        return quota - ok;
    }

    /** First request sent to last answer received. */
    double seconds() {
        return lastMs > firstMs ? (lastMs - firstMs) / 1000 : Double.NaN;
    }

    double okPerSecond() {
        return ok / seconds();
    }

    /** The load generator's CPU as a share of one core over its run. */
    double coreShare() {
        return cpuSeconds / seconds();
    }

    String describeFailure() {
        return String.format(java.util.Locale.ROOT, "%d of %d requests not answered 2xx (4xx %d, 5xx %d, socket errors %d)",
                failed(), quota, status4xx, status5xx, socketErrors);
    }
}
