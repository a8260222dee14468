package dev.provisioningstatus.gateway.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.ProvisionRequested;
import dev.provisioningstatus.events.Trigger;
import dev.provisioningstatus.gateway.StatusLog;
import dev.provisioningstatus.gateway.TestCallers;
import dev.provisioningstatus.gateway.TestViews;
import dev.provisioningstatus.gateway.command.CommandAccepted;
import dev.provisioningstatus.gateway.command.CommandIds;
import dev.provisioningstatus.gateway.command.CommandPublishingException;
import dev.provisioningstatus.gateway.command.ProvisioningCommandPublisher;
import dev.provisioningstatus.gateway.query.VisibleApplications;
import dev.provisioningstatus.gateway.registration.AcceptedRegistrations;
import dev.provisioningstatus.gateway.security.Caller;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

class ProvisioningRetriesTest {

    private final ProvisioningViewIndex index = new ProvisioningViewIndex();
    private final StatusLog log = new StatusLog(index);
    private final ProvisioningCommandPublisher publisher = mock(ProvisioningCommandPublisher.class);
    private final AcceptedRegistrations registrations = new AcceptedRegistrations(index, 100);
    private final Caller alice = TestCallers.member("alice", "acme");
    private final Caller admin = TestCallers.admin("admin");
    private ProvisioningRetries retries = retries(30);

    @BeforeEach
    void publisherAcceptsEverything() {
        when(publisher.request(anyList())).thenReturn(Mono.empty());
    }

    private ProvisioningRetries retries(int requestsPerCaller) {
        return new ProvisioningRetries(new VisibleApplications(index), index, publisher, registrations,
                new RetryProperties(requestsPerCaller, Duration.ofMinutes(1), 100),
                Clock.fixed(Instant.parse("2025-01-10T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aMemberRetryOfAPartialApplicationSendsOneRetryCommandNamingEveryEnabledEnvironment() {
        log.apply("payments", TestViews.partial("payments", "acme", 3));

        CommandAccepted accepted = retries.retry("payments", alice, CommandIds.random()).block();

        ProvisionRequested command = sentCommands().get(0);
        assertThat(command.trigger()).isEqualTo(Trigger.RETRY);
        assertThat(command.environments()).containsExactly(Environment.DEV, Environment.STAGE);
        assertThat(command.requestedBy()).isEqualTo("alice");
        assertThat(command.workspaceId()).isEqualTo("acme");
        assertThat(accepted).isEqualTo(new CommandAccepted("payments", command.commandId()));
    }

    @Test
    void aRetryCommandNamesTheAttemptTheViewShowsSoTheWorkerNumbersTheNextOneAboveIt() {
        log.apply("ledger", TestViews.partial("ledger", "acme", 3));

        retries.retry("ledger", alice, CommandIds.random()).block();

        assertThat(sentCommands().get(0).lastKnownAttempt()).isEqualTo(1);
    }

    @Test
    void aRetryCommandNamesTheIncarnationTheViewShows() {
        log.apply("ledger", TestViews.partial("ledger", "acme", 3));

        retries.retry("ledger", alice, CommandIds.random()).block();

        assertThat(sentCommands().get(0).incarnation()).isEqualTo(TestViews.incarnation("ledger"));
    }

    @Test
    void retryIsRejectedWhileProvisioningIsInProgress() {
        log.apply("payments", TestViews.inProgress("payments", "acme", 2, 5));

        assertThatThrownBy(() -> retries.retry("payments", alice, CommandIds.random()))
                .isInstanceOfSatisfying(ErrorResponseException.class, problem -> {
                    assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(problem.getBody().getProperties()).containsEntry("attempt", 2);
                });
        verify(publisher, never()).request(anyList());
    }

    @Test
    void retryOfACompletedApplicationIsAConflict() {
        log.apply("payments", TestViews.completed("payments", "acme", 5));

        assertThatThrownBy(() -> retries.retry("payments", alice, CommandIds.random())).isInstanceOfSatisfying(ErrorResponseException.class,
                problem -> assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.CONFLICT));
    }

    @Test
    void anotherWorkspacesApplicationIsNotFound() {
        log.apply("rockets", TestViews.failed("rockets", "globex", 1));

        assertThatThrownBy(() -> retries.retry("rockets", alice, CommandIds.random())).isInstanceOfSatisfying(ErrorResponseException.class,
                problem -> assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
    }

    @Test
    void aMalformedIdIsABadRequest() {
        assertThatThrownBy(() -> retries.retry("Not An Id", alice, CommandIds.random())).isInstanceOfSatisfying(ErrorResponseException.class,
                problem -> assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
    }

    @Test
    void aRepeatedRetryOfTheSameStateAnswersWithTheFirstCommandAndSendsNothingMore() {
        log.apply("payments", TestViews.failed("payments", "acme", 3));

        CommandAccepted first = retries.retry("payments", alice, CommandIds.random()).block();
        CommandAccepted second = retries.retry("payments", admin, CommandIds.random()).block();

        assertThat(second).isEqualTo(first);
        verify(publisher, times(1)).request(anyList());
    }

    @Test
    void aRetryAfterTheViewMovedOnSendsANewCommand() {
        log.apply("payments", TestViews.failed("payments", "acme", 3));
        CommandAccepted first = retries.retry("payments", alice, CommandIds.random()).block();
        log.apply("payments", TestViews.failed("payments", "acme", 6));

        CommandAccepted second = retries.retry("payments", alice, CommandIds.random()).block();

        assertThat(second.commandId()).isNotEqualTo(first.commandId());
    }

    @Test
    void aRetryWhoseCommandCouldNotBeSentCanBeRepeated() {
        log.apply("payments", TestViews.failed("payments", "acme", 3));
        when(publisher.request(anyList()))
                .thenReturn(Mono.error(new CommandPublishingException("down", null)))
                .thenReturn(Mono.empty());

        assertThatThrownBy(() -> retries.retry("payments", alice, CommandIds.random()).block()).isInstanceOf(CommandPublishingException.class);
        retries.retry("payments", alice, CommandIds.random()).block();

        verify(publisher, times(2)).request(anyList());
    }

    @Test
    void aCallerOverTheRateLimitGetsTooManyRequests() {
        retries = retries(1);
        log.apply("payments", TestViews.failed("payments", "acme", 3));
        retries.retry("payments", alice, CommandIds.random()).block();

        assertThatThrownBy(() -> retries.retry("payments", alice, CommandIds.random())).isInstanceOfSatisfying(ErrorResponseException.class,
                problem -> {
                    assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(problem.getHeaders().getFirst("Retry-After")).isEqualTo("60");
                });
    }

    @Test
    void bulkRetryQueuesFailedApplicationsAndSkipsThoseThatCannotSucceed() {
        log.apply("a-failed", TestViews.failed("a-failed", "acme", 1));
        log.apply("b-for-good", TestViews.failedForGood("b-for-good", "acme", 1));
        log.apply("c-partial", TestViews.partial("c-partial", "globex", 1));
        log.apply("d-running", TestViews.inProgress("d-running", "globex", 2, 1));

        BulkRetryResult result = retries.retryFailed(false, admin, CommandIds.random()).block();

        assertThat(result.queued()).containsExactly("a-failed");
        assertThat(result.skipped()).containsExactly(new BulkRetryResult.Skipped("b-for-good", "not-retryable"));
        assertThat(sentCommands()).extracting(ProvisionRequested::trigger).containsExactly(Trigger.BULK_RETRY);
    }

    @Test
    void bulkRetryIncludesPartialApplicationsWhenAsked() {
        log.apply("a-failed", TestViews.failed("a-failed", "acme", 1));
        log.apply("c-partial", TestViews.partial("c-partial", "globex", 1));

        assertThat(retries.retryFailed(true, admin, CommandIds.random()).block().queued()).containsExactly("a-failed", "c-partial");
    }

    @Test
    void bulkRetrySkipsApplicationsWhoseRetryWasAlreadyRequested() {
        log.apply("a-failed", TestViews.failed("a-failed", "acme", 1));
        retries.retry("a-failed", alice, CommandIds.random()).block();

        BulkRetryResult result = retries.retryFailed(false, admin, CommandIds.random()).block();

        assertThat(result.queued()).isEmpty();
        assertThat(result.skipped()).containsExactly(new BulkRetryResult.Skipped("a-failed", "already-requested"));
    }

    @SuppressWarnings("unchecked")
    private List<ProvisionRequested> sentCommands() {
        ArgumentCaptor<List<ProvisionRequested>> commands = ArgumentCaptor.forClass(List.class);
        verify(publisher, atLeastOnce()).request(commands.capture());
        return commands.getAllValues().stream().flatMap(List::stream).toList();
    }

    @Test
    void theSameIdempotencyKeyNamesTheSameCommandOnAnyInstance() {
        log.apply("payments", TestViews.partial("payments", "acme", 3));
        ProvisioningRetries otherInstance = retries(30);

        CommandAccepted here = retries.retry("payments", alice, new CommandIds("alice", "key-1")).block();
        CommandAccepted there = otherInstance.retry("payments", alice, new CommandIds("alice", "key-1")).block();

        assertThat(there.commandId()).isEqualTo(here.commandId());
        assertThat(new CommandIds("bob", "key-1").forApplication("payments")).as("another caller's key")
                .isNotEqualTo(here.commandId());
    }

    @Test
    void aRetryRightAfterARegistrationWhoseViewHasNotArrivedIsToldItsFirstAttemptRuns() {
        registrations.accepted("fresh", "acme");

        assertThatThrownBy(() -> retries.retry("fresh", alice, CommandIds.random()))
                .isInstanceOfSatisfying(ErrorResponseException.class, problem -> {
                    assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(problem.getBody().getProperties()).containsEntry("attempt", 1);
                });
        assertThatThrownBy(() -> retries.retry("fresh", TestCallers.member("bob", "globex"), CommandIds.random()))
                .as("another workspace's member still learns nothing")
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        problem -> assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
    }
}
