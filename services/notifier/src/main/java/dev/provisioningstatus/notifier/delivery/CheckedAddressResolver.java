package dev.provisioningstatus.notifier.delivery;

import dev.provisioningstatus.events.CheckedWebhookAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way from a host name to addresses: the addresses {@code WebhookAddressPolicy}
 * checked for the request being sent, never a lookup of its own. The classic client connects on the
 * calling thread, so the sender hands the checked address over in a thread-local for the request's time.
 * A host with no checked address is refused: nothing reaches the system resolver.
 */
final class CheckedAddressResolver implements DnsResolver {

    private final Supplier<CheckedWebhookAddress> current;

    CheckedAddressResolver(Supplier<CheckedWebhookAddress> current) {
        this.current = current;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        CheckedWebhookAddress checked = current.get();
        if (checked == null || !checked.host().equalsIgnoreCase(host)) {
            throw new UnknownHostException(host + " was not checked by the address policy");
        }
        return checked.addresses().toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return resolve(host).length > 0 ? host : null;
    }
}
