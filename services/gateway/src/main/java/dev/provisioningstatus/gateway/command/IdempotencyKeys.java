package dev.provisioningstatus.gateway.command;

import dev.provisioningstatus.gateway.problem.ApiProblems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} for the command routes, after the IETF httpapi draft: the same key
 * with the same request again gets the first answer without a second command; the same key with
 * another request is a 422. Keys belong to one caller, live for {@code ttl}, and at most
 * {@code capacity} are remembered (oldest forgotten first). A failed first attempt is forgotten,
 * so it may be repeated with the same key.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private static final class Entry {
        final Object request;
        final Instant expiresAt;
        Mono<?> answer;

        Entry(Object request, Instant expiresAt) {
            this.request = request;
            this.expiresAt = expiresAt;
        }
    }

    private final Map<String, Entry> entries;
    private final Duration ttl;
    private final Clock clock;

    public IdempotencyKeys(int capacity, Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Runs {@code command} once per {@code (caller, key)}; without a key, every time.
     *
     * @param request what identifies the request (route and body): a repeat must be equal to it
     */
    @SuppressWarnings("unchecked")
    public <T> Mono<T> once(String caller, String key, Object request, Supplier<Mono<T>> command) {
        if (key == null) {
            return command.get();
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw ApiProblems.badRequest(HEADER + " must be 1 to 255 visible ASCII characters");
        }
        String id = caller + "\u0000" + key;
        synchronized (entries) {
            Instant now = clock.instant();
            Entry known = entries.get(id);
            if (known != null && known.expiresAt.isAfter(now)) {
                if (!Objects.equals(known.request, request)) {
                    throw ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT,
                            HEADER + " was already used for another request", Map.of());
                }
                return (Mono<T>) known.answer;
            }
            Entry entry = new Entry(request, now.plus(ttl));
            entry.answer = Mono.defer(command)
                    .doOnError(failure -> forget(id, entry))
                    .cache();
            entries.put(id, entry);
            return (Mono<T>) entry.answer;
        }
    }

    private void forget(String id, Entry failed) {
        synchronized (entries) {
            entries.remove(id, failed);
        }
    }
}
