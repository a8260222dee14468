package dev.provisioningstatus.reliability.system;

import java.util.Locale;

/**
 * The one line a suite prints about what it did (the figures reliability/README.md records), kept out
 * of the tests so that each states its property and nothing else.
 */
public final class SuiteReport {

    private SuiteReport() {
    }

    /** {@code suite: figures}, the figures formatted as by {@link String#format}. */
    public static void print(String suite, String figures, Object... arguments) {
        System.out.println(suite + ": " + String.format(Locale.ROOT, figures, arguments));
    }
}
