package dev.provisioningstatus.gateway.view;

/**
 * A value read from the index together with the sequence of the last change it reflects, so a
 * reader can continue exactly after it.
 */
public record Positioned<T>(long sequence, T value) {
}
