package dev.provisioningstatus.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Command-line options {@code --name=value}. Every benchmark reads its own with a default, so one
 * line of arguments can size any of them; unknown names are reported once everything has run.
 */
public final class Options {

    private final Map<String, String> values;
    private final Set<String> read = new TreeSet<>();

    private Options(Map<String, String> values) {
        this.values = values;
    }

    public static Options parse(Iterable<String> args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("options look like --name=value, not '" + arg + "'");
            }
            String[] pair = arg.substring(2).split("=", 2);
            values.put(pair[0], pair.length == 2 ? pair[1] : "true");
        }
        return new Options(values);
    }

    public int integer(String name, int defaultValue) {
        read.add(name);
        return values.containsKey(name) ? Integer.parseInt(values.get(name).replace("_", "")) : defaultValue;
    }

    public Duration duration(String name, Duration defaultValue) {
        read.add(name);
        return values.containsKey(name) ? parseDuration(values.get(name)) : defaultValue;
    }

    /** {@code 250ms}, {@code 1.5s}, {@code 2m}, or plain milliseconds. */
    public static Duration parseDuration(String value) {
        String text = value.trim();
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
        }
        if (text.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        return Duration.ofMillis(Long.parseLong(text));
    }

    public String text(String name, String defaultValue) {
        read.add(name);
        return values.getOrDefault(name, defaultValue);
    }

    public boolean flag(String name) {
        read.add(name);
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    /** Names given on the command line that no benchmark asked for: most likely typos. */
    public Set<String> unused() {
        Set<String> unused = new TreeSet<>(values.keySet());
        unused.removeAll(read);
        return unused;
    }
}
