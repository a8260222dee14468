package dev.provisioningstatus.statusview.view;

/**
 * A deleted application whose environments are being cleaned: the deprovisioning attempt folded last
 * (0 until the worker's first one is seen) and whether its {@code DeprovisioningFinished} arrived.
 */
public record Deletion(int attempt, boolean attemptFinished) {

    static Deletion requested() {
        return new Deletion(0, false);
    }
}
