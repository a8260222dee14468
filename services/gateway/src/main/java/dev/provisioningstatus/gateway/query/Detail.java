package dev.provisioningstatus.gateway.query;

import dev.provisioningstatus.gateway.security.Caller;

/** How much of a view a caller sees: admins everything, members the moderate part. */
public enum Detail {
    MODERATE, FULL;

    public static Detail of(Caller caller) {
        return caller.isAdmin() ? FULL : MODERATE;
    }
}
