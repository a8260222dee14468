package dev.provisioningstatus.events;

import java.util.regex.Pattern;

/**
 * Shape of workspace and application ids. They become ACL prefixes
 * ({@code <workspace>.<application>.}) on real clusters, so they are restricted to lower-case
 * DNS-label characters.
 */
public final class Ids {

    public static final String PATTERN = "^[a-z0-9][a-z0-9-]{0,62}$";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && COMPILED.matcher(id).matches();
    }
}
