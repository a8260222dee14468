package dev.provisioningstatus.notifier.transition;

import dev.provisioningstatus.events.ProvisioningStatus;

/**
 * What the notifier remembers of one application to tell a transition from a repeat: the last view's
 * incarnation, version and status, and the last outcome (failed, partial or completed) it showed.
 *
 * @param lastOutcome {@code null} until the incarnation's first run ended
 */
record TransitionState(String incarnation, long version, ProvisioningStatus status, ProvisioningStatus lastOutcome) {
}
