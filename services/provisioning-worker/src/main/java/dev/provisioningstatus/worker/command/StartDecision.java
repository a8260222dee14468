package dev.provisioningstatus.worker.command;

import dev.provisioningstatus.events.Environment;
import java.util.List;

/** What became of one {@code ProvisionRequested} command. */
public sealed interface StartDecision {

    String workflowId();

    /** A new run was started. */
    record Started(String workflowId, String runId, int attempt, List<Environment> environments)
            implements StartDecision {
    }

    /** Temporal refused a second run: attempt {@code runningAttempt} is still in progress. */
    record RejectedRunInProgress(String workflowId, String runningRunId, int runningAttempt) implements StartDecision {
    }

    /** The command was handled already (a redelivery): run {@code runId} is its run. */
    record AlreadyHandled(String workflowId, String runId) implements StartDecision {
    }

    /** The command is for an incarnation that was deleted: provisioning it would grant what was removed. */
    record IncarnationDeleted(String workflowId, String incarnation) implements StartDecision {
    }

    /** Every requested environment has succeeded already: there is nothing to run. */
    record NothingToProvision(String workflowId, int lastAttempt) implements StartDecision {
    }
}
