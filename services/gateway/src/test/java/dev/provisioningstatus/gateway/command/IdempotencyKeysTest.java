package dev.provisioningstatus.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

class IdempotencyKeysTest {

    private final IdempotencyKeys keys = new IdempotencyKeys(100, Duration.ofHours(24),
            Clock.fixed(Instant.parse("2025-01-10T12:00:00Z"), ZoneOffset.UTC));
    private final AtomicInteger runs = new AtomicInteger();

    private Mono<Integer> command() {
        return Mono.fromSupplier(runs::incrementAndGet);
    }

    @Test
    void theSameKeyAndRequestAgainGetsTheFirstAnswerWithoutRunningTwice() {
        Integer first = keys.once("alice", "k-1", "retry payments", this::command).block();
        Integer second = keys.once("alice", "k-1", "retry payments", this::command).block();

        assertThat(second).isEqualTo(first);
        assertThat(runs).hasValue(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsUnprocessable() {
        keys.once("alice", "k-1", "retry payments", this::command).block();

        assertThatThrownBy(() -> keys.once("alice", "k-1", "retry billing", this::command))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        problem -> assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT));
    }

    @Test
    void keysBelongToOneCaller() {
        keys.once("alice", "k-1", "retry payments", this::command).block();
        keys.once("bob", "k-1", "retry payments", this::command).block();

        assertThat(runs).hasValue(2);
    }

    @Test
    void withoutAKeyEveryRequestRuns() {
        keys.once("alice", null, "retry payments", this::command).block();
        keys.once("alice", null, "retry payments", this::command).block();

        assertThat(runs).hasValue(2);
    }

    @Test
    void aFailedFirstAttemptMayBeRepeatedWithTheSameKey() {
        assertThatThrownBy(() -> keys.once("alice", "k-1", "retry", () -> Mono.error(new IllegalStateException("down")))
                .block()).isInstanceOf(IllegalStateException.class);

        assertThat(keys.once("alice", "k-1", "retry", this::command).block()).isEqualTo(1);
    }

    @Test
    void aMalformedKeyIsABadRequest() {
        assertThatThrownBy(() -> keys.once("alice", "bad key\r\n", "retry", this::command))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        problem -> assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
    }
}
