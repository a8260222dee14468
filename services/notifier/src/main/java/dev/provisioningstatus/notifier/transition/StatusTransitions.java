package dev.provisioningstatus.notifier.transition;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.WebhookTransition;
import java.util.Objects;
import java.util.Optional;

/**
 * The transition rule. An application <em>became failed</em> or <em>became partial</em> when a view shows
 * that status and the one before it did not (a retry that fails again is a new transition, a view that
 * only refines a failure is not); it <em>recovered</em> when a view shows {@code completed} and the last
 * outcome of the same incarnation was failed or partial. A view whose version is not higher than the
 * last one is stale and changes nothing. A new incarnation (a re-registration) starts afresh.
 */
final class StatusTransitions {

    /** The state after {@code view} and the transition it makes, if any. */
    record Step(TransitionState state, Optional<WebhookTransition> transition) {
    }

    private StatusTransitions() {
    }

    static Step next(TransitionState previous, ApplicationProvisioningView view) {
        if (previous != null && view.version() <= previous.version()) {
            return new Step(previous, Optional.empty());
        }
        boolean sameIncarnation = previous != null && Objects.equals(previous.incarnation(), view.incarnation());
        ProvisioningStatus before = sameIncarnation ? previous.status() : null;
        ProvisioningStatus lastOutcome = sameIncarnation ? previous.lastOutcome() : null;
        ProvisioningStatus status = view.status();

        Optional<WebhookTransition> transition = Optional.empty();
        if (status == ProvisioningStatus.FAILED && before != ProvisioningStatus.FAILED) {
            transition = Optional.of(WebhookTransition.FAILED);
        } else if (status == ProvisioningStatus.PARTIAL && before != ProvisioningStatus.PARTIAL) {
            transition = Optional.of(WebhookTransition.PARTIAL);
        } else if (status == ProvisioningStatus.COMPLETED && before != ProvisioningStatus.COMPLETED
                && lastOutcome != null && lastOutcome.isRetryable()) {
            transition = Optional.of(WebhookTransition.RECOVERED);
        }
        boolean isOutcome = status == ProvisioningStatus.FAILED || status == ProvisioningStatus.PARTIAL
                || status == ProvisioningStatus.COMPLETED;
        TransitionState state = new TransitionState(view.incarnation(), view.version(), status,
                isOutcome ? status : lastOutcome);
        return new Step(state, transition);
    }
}
