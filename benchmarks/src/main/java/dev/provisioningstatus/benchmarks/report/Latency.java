package dev.provisioningstatus.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashMap;
import org.HdrHistogram.Histogram;

/** Latency percentiles from an HdrHistogram of nanoseconds, formatted in milliseconds. */
public final class Latency {

    private Latency() {
    }

    /** Up to one hour at three significant digits. */
    public static Histogram histogram() {
        return new Histogram(3_600_000_000_000L, 3);
    }

    public static List<String> header(String first) {
        return List.of(first, "count", "p50 ms", "p90 ms", "p99 ms", "max ms");
    }

    public static List<String> row(String label, Histogram h) {
        List<String> row = new ArrayList<>();
        row.add(label);
        row.add(Long.toString(h.getTotalCount()));
        row.add(ms(h.getValueAtPercentile(50)));
        row.add(ms(h.getValueAtPercentile(90)));
        row.add(ms(h.getValueAtPercentile(99)));
        row.add(ms(h.getMaxValue()));
        return row;
    }

    public static Map<String, Object> figures(Histogram h) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("count", h.getTotalCount());
        figures.put("p50_ms", millis(h.getValueAtPercentile(50)));
        figures.put("p90_ms", millis(h.getValueAtPercentile(90)));
        figures.put("p99_ms", millis(h.getValueAtPercentile(99)));
        figures.put("max_ms", millis(h.getMaxValue()));
        return figures;
    }

    public static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    public static String ms(long nanos) {
        double millis = nanos / 1_000_000.0;
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis)
                : millis >= 10 ? String.format(Locale.ROOT, "%.1f", millis)
                : String.format(Locale.ROOT, "%.2f", millis);
    }

    public static String ratio(double value, double baseline) {
        return baseline <= 0 ? "–" : String.format(Locale.ROOT, "%.1f×", value / baseline);
    }
}
