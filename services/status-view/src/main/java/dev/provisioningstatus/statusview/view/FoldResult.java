package dev.provisioningstatus.statusview.view;

import dev.provisioningstatus.events.ApplicationProvisioningView;

/**
 * What folding one input does: the state to keep ({@code null} removes it) and what to publish.
 * With {@link Publication#NOTHING} the state may still hold new bookkeeping; when the input was
 * ignored altogether (a duplicate, or {@code staleIncarnation}: an event of an incarnation that is not the
 * application's current one), {@code state} is the very instance passed in, so callers can skip the store write.
 */
public record FoldResult(ApplicationFoldState state, Publication publication, ApplicationProvisioningView view,
        boolean staleIncarnation) {

    public enum Publication {
        /** The view did not change: publish nothing. */
        NOTHING,
        /** Publish {@link #view()}, the application's new view. */
        VIEW,
        /** The application was deleted: publish a tombstone. */
        TOMBSTONE
    }

    static FoldResult keep(ApplicationFoldState state) {
        return new FoldResult(state, Publication.NOTHING, null, false);
    }

    static FoldResult stale(ApplicationFoldState state) {
        return new FoldResult(state, Publication.NOTHING, null, true);
    }

    static FoldResult publish(ApplicationFoldState state, ApplicationProvisioningView view) {
        return new FoldResult(state, Publication.VIEW, view, false);
    }

    /** Publish a tombstone and keep {@code marker} (what the deleted application leaves, possibly nothing). */
    static FoldResult tombstone(ApplicationFoldState marker) {
        return new FoldResult(marker, Publication.TOMBSTONE, null, false);
    }
}
