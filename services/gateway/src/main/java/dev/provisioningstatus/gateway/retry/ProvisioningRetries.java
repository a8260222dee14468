package dev.provisioningstatus.gateway.retry;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.ProvisionRequested;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Trigger;
import dev.provisioningstatus.gateway.command.CommandAccepted;
import dev.provisioningstatus.gateway.command.CommandIds;
import dev.provisioningstatus.gateway.command.ProvisioningCommandPublisher;
import dev.provisioningstatus.gateway.problem.ApiProblems;
import dev.provisioningstatus.gateway.query.VisibleApplications;
import dev.provisioningstatus.gateway.registration.AcceptedRegistrations;
import dev.provisioningstatus.gateway.security.Caller;
import dev.provisioningstatus.gateway.view.HeldView;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Turns retry requests into {@code ProvisionRequested} commands. Only {@code failed} and
 * {@code partial} applications are retried (the worker re-provisions only the environments that have not succeeded),
 * never while an attempt runs; a repeated request for the same state answers with the command
 * already sent. The worker's workflow id, derived from the application id, is the last guard
 * against two runs at once, whatever this gateway saw.
 */
public final class ProvisioningRetries {

    private final VisibleApplications applications;
    private final ProvisioningViewIndex index;
    private final ProvisioningCommandPublisher publisher;
    private final AcceptedRegistrations registrations;
    private final RecentRetries recentRetries;
    private final RetryRateLimiter rateLimiter;
    private final Duration retryAfter;
    private final Clock clock;

    public ProvisioningRetries(VisibleApplications applications, ProvisioningViewIndex index,
            ProvisioningCommandPublisher publisher, AcceptedRegistrations registrations, RetryProperties properties,
            Clock clock) {
        this.applications = applications;
        this.index = index;
        this.publisher = publisher;
        this.registrations = registrations;
        this.recentRetries = new RecentRetries(properties.rememberedRetries());
        this.rateLimiter = new RetryRateLimiter(properties.requestsPerCaller(), properties.period(), clock);
        this.retryAfter = properties.period().dividedBy(properties.requestsPerCaller());
        this.clock = clock;
    }

    /**
     * @param commandIds where the command's id comes from (derived from the request's
     *                   {@code Idempotency-Key}, so another instance names the same command)
     */
    public Mono<CommandAccepted> retry(String applicationId, Caller caller, CommandIds commandIds) {
        VisibleApplications.requireValidId(applicationId, "application");
        throttle(caller);
        registrations.awaitingView(applicationId)
                .filter(workspaceId -> caller.isAdmin() || caller.isMemberOf(workspaceId))
                .ifPresent(workspaceId -> {
                    // Registered here a moment ago: its first attempt runs, the view just has not arrived yet.
                    throw ApiProblems.conflict(
                            "Provisioning attempt 1 is in progress; retry once it has finished", Map.of("attempt", 1));
                });
        ApplicationProvisioningView view = applications.require(applicationId, caller);
        RetryDecision decision = RetryDecision.about(view);
        if (decision instanceof RetryDecision.InProgress running) {
            throw ApiProblems.conflict(
                    "Provisioning attempt " + running.attempt() + " is in progress; retry once it has finished",
                    Map.of("attempt", running.attempt()));
        }
        if (decision instanceof RetryDecision.NothingToRetry nothing) {
            throw ApiProblems.conflict("Nothing to retry: provisioning is " + nothing.status().id(),
                    Map.of("provisioningStatus", nothing.status().id()));
        }
        ProvisionRequested command = command(view, Trigger.RETRY, caller, commandIds);
        Optional<String> alreadySent = recentRetries.reserve(applicationId, view.version(), command.commandId());
        if (alreadySent.isPresent()) {
            return Mono.just(new CommandAccepted(applicationId, alreadySent.get()));
        }
        return publisher.request(List.of(command))
                .doOnError(failure -> recentRetries.release(applicationId, command.commandId()))
                .thenReturn(new CommandAccepted(applicationId, command.commandId()));
    }

    /**
     * Retries every {@code failed} application (and {@code partial} ones when asked) whose failure
     * may be transient, in one transaction: all commands are sent or none.
     */
    public Mono<BulkRetryResult> retryFailed(boolean includePartial, Caller caller, CommandIds commandIds) {
        throttle(caller);
        Set<ProvisioningStatus> statuses = includePartial
                ? EnumSet.of(ProvisioningStatus.FAILED, ProvisioningStatus.PARTIAL)
                : EnumSet.of(ProvisioningStatus.FAILED);
        List<ProvisionRequested> commands = new ArrayList<>();
        List<BulkRetryResult.Skipped> skipped = new ArrayList<>();
        index.withStatus(statuses).stream()
                .map(HeldView::view)
                .sorted(Comparator.comparing(ApplicationProvisioningView::applicationId))
                .forEach(view -> {
                    if (!(RetryDecision.about(view) instanceof RetryDecision.Allowed allowed)) {
                        return;
                    }
                    if (!allowed.anyRetryable()) {
                        skipped.add(new BulkRetryResult.Skipped(view.applicationId(), BulkRetryResult.Skipped.NOT_RETRYABLE));
                        return;
                    }
                    ProvisionRequested command = command(view, Trigger.BULK_RETRY, caller, commandIds);
                    if (recentRetries.reserve(view.applicationId(), view.version(), command.commandId()).isPresent()) {
                        skipped.add(new BulkRetryResult.Skipped(view.applicationId(), BulkRetryResult.Skipped.ALREADY_REQUESTED));
                    } else {
                        commands.add(command);
                    }
                });
        return publisher.request(commands)
                .doOnError(failure -> commands.forEach(
                        command -> recentRetries.release(command.applicationId(), command.commandId())))
                .thenReturn(new BulkRetryResult(commands.stream().map(ProvisionRequested::applicationId).toList(),
                        skipped));
    }

    private void throttle(Caller caller) {
        if (!rateLimiter.tryAcquire(caller.subject())) {
            ErrorResponseException tooMany = ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many retry requests; wait a moment and try again", Map.of());
            tooMany.getHeaders().set("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
            throw tooMany;
        }
    }

    /**
     * The command names every enabled environment: the worker knows which succeeded already, keeps
     * them, and judges the attempt's overall status over all of them. It also names the attempt
     * this view shows, so the worker numbers the next one above it, and the incarnation the view shows, so
 * a retry never counts the runs of an earlier registration of the same id.
     */
    private ProvisionRequested command(ApplicationProvisioningView view, Trigger trigger, Caller caller,
            CommandIds commandIds) {
        List<Environment> enabled = view.environments().stream().map(EnvironmentCondition::environment).toList();
        return new ProvisionRequested(commandIds.forApplication(view.applicationId()), view.applicationId(),
                view.name(), view.workspaceId(), enabled, trigger, caller.subject(), clock.instant(), view.attempt(),
                view.incarnation());
    }
}
