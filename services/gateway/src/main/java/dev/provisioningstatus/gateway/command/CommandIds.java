package dev.provisioningstatus.gateway.command;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Where a request's command ids come from. With an {@code Idempotency-Key} they derive from the
 * caller, the key and the application (a name-based UUID), so every gateway instance that gets
 * the same request names the same command, and the worker, which drops a command id it already
 * ran, starts one run; without a key they are random.
 */
public record CommandIds(String caller, String idempotencyKey) {

    public static CommandIds random() {
        return new CommandIds(null, null);
    }

    public String forApplication(String applicationId) {
        if (idempotencyKey == null) {
            return UUID.randomUUID().toString();
        }
        String name = caller + '\u0000' + idempotencyKey + '\u0000' + applicationId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
