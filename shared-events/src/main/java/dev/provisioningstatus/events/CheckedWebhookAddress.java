package dev.provisioningstatus.events;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

/**
 * A webhook URL that passed {@link WebhookAddressPolicy}: connect to one of {@code addresses} on
 * {@code port}, never to a second lookup of {@code host}, and send {@code host} as the HTTP {@code Host}
 * and the TLS server name.
 */
public record CheckedWebhookAddress(URI uri, String host, int port, List<InetAddress> addresses) {

    public CheckedWebhookAddress {
        addresses = List.copyOf(addresses);
    }

    public List<InetSocketAddress> socketAddresses() {
        return addresses.stream().map(address -> new InetSocketAddress(address, port)).toList();
    }
}
