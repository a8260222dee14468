package dev.provisioningstatus.statusview.view;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;

/**
 * What folding one input does: the state to keep ({@code null} removes it) and what to publish.
 * With {@link Publication#NOTHING} the state may still hold new bookkeeping; when the input was
 * ignored altogether (a duplicate, or {@code staleIncarnation}: an event of an incarnation that is not the
 * application's current one), {@code state} is the very instance passed in, so callers can skip the store write.
 *
 * @param publishedStatus the status of the view readers held before this input, {@code null} if none
 */
public record FoldResult(ApplicationFoldState state, Publication publication, ApplicationProvisioningView view,
        boolean staleIncarnation, ProvisioningStatus publishedStatus) {

    public enum Publication {
        /** The view did not change: publish nothing. */
        NOTHING,
        /** Publish {@link #view()}, the application's new view. */
        VIEW,
        /** The application was deleted: publish a tombstone. */
        TOMBSTONE
    }

    /** Whether the view readers held before this input needed attention (status not {@code completed}). */
    public boolean wasIssue() {
        return publishedStatus != null && publishedStatus.hasIssues();
    }

    static FoldResult keep(ApplicationFoldState state) {
        return new FoldResult(state, Publication.NOTHING, null, false, null);
    }

    static FoldResult stale(ApplicationFoldState state) {
        return new FoldResult(state, Publication.NOTHING, null, true, null);
    }

    static FoldResult publish(ApplicationFoldState state, ApplicationProvisioningView view,
            ProvisioningStatus publishedStatus) {
        return new FoldResult(state, Publication.VIEW, view, false, publishedStatus);
    }

    /** Publish a tombstone and keep {@code marker} (what the deleted application leaves, possibly nothing). */
    static FoldResult tombstone(ApplicationFoldState marker, ProvisioningStatus publishedStatus) {
        return new FoldResult(marker, Publication.TOMBSTONE, null, false, publishedStatus);
    }
}
