package dev.provisioningstatus.events;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which URLs a webhook may be delivered to, the guard against server-side request forgery. The gateway
 * applies it on subscribe and the notifier again before every delivery, and the notifier then connects to
 * the addresses it checked ({@link CheckedWebhookAddress#addresses()}), never looking the name up a second
 * time, so a name that resolves elsewhere the second time (DNS rebinding) cannot get through.
 *
 * <p>A URL passes when it is {@code https}, has no user info, and its host is a public address or a name
 * every address of which is public: not loopback, private, shared (CGNAT), link-local, multicast,
 * unspecified, broadcast or otherwise reserved, also not in IPv4-mapped, IPv4-compatible, NAT64 or 6to4
 * IPv6 form. An IPv4 address spelled other than as four canonical decimal numbers (decimal, octal, hex,
 * short forms, which resolvers read differently) is refused outright. Hosts on the allowlist
 * ({@code host} or {@code host:port} entries) may also be {@code http} and loopback, and nothing else may:
 * that is for a local demo receiver.
 */
public final class WebhookAddressPolicy {

    /** How names become addresses; injectable so that tests never look anything up. */
    @FunctionalInterface
    public interface HostResolver {

        List<InetAddress> resolve(String host) throws UnknownHostException;

        /** The operating system's resolver. */
        static HostResolver system() {
            return host -> List.of(InetAddress.getAllByName(host));
        }
    }

    /** The configuration property listing the allowlisted {@code host[:port]} entries. */
    public static final String ALLOWLIST_PROPERTY = "provisioning.webhooks.allowed-hosts";

    static final int MAX_URL_LENGTH = 2048;

    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final Pattern CANONICAL_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
            + "(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private final Set<String> allowlist;
    private final HostResolver resolver;

    public WebhookAddressPolicy(Collection<String> allowlist, HostResolver resolver) {
        this.allowlist = allowlist.stream().map(String::strip).filter(entry -> !entry.isEmpty())
                .map(entry -> entry.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** The URL's host, port and the addresses to connect to; throws {@link WebhookAddressRefused} saying why not. */
    public CheckedWebhookAddress check(String url) {
        URI uri = parse(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? ("https".equals(scheme) ? 443 : 80) : uri.getPort();
        boolean allowlisted = allowlist.contains(host) || allowlist.contains(host + ":" + port);
        if (!"https".equals(scheme) && !allowlisted) {
            throw new WebhookAddressRefused("the URL must be https (plain http only for allowlisted hosts)");
        }
        List<InetAddress> addresses = addressesOf(host);
        for (InetAddress address : addresses) {
            Optional<String> range = forbiddenRange(address);
            if (range.isPresent() && !(allowlisted && address.isLoopbackAddress())) {
                throw new WebhookAddressRefused("the host " + host + " is " + address.getHostAddress() + ", "
                        + range.get());
            }
        }
        return new CheckedWebhookAddress(uri, host, port, addresses);
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new WebhookAddressRefused("the URL is empty");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new WebhookAddressRefused("the URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new WebhookAddressRefused("the URL is malformed: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !Set.of("http", "https").contains(scheme.toLowerCase(Locale.ROOT))) {
            throw new WebhookAddressRefused("the URL must be https");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new WebhookAddressRefused("the URL must not carry user info");
        }
        if (uri.getHost() == null && uri.getRawAuthority() != null && looksNumeric(uri.getRawAuthority()
                .replaceFirst(":[0-9]*$", "").toLowerCase(Locale.ROOT))) {
            // java.net.URI refuses some numeric spellings as hosts; name them for what they are
            throw nonCanonical(uri.getRawAuthority());
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new WebhookAddressRefused("the URL has no valid host (ASCII names only: write an IDN in punycode)");
        }
        if (uri.getPort() == 0) {
            throw new WebhookAddressRefused("the URL's port is 0");
        }
        return uri;
    }

    private List<InetAddress> addressesOf(String host) {
        if (host.startsWith("[")) {
            return List.of(ipv6Literal(host.substring(1, host.length() - 1)));
        }
        if (looksNumeric(host)) {
            return List.of(canonicalIpv4(host, host.split("\\.")));
        }
        if (!HOST_NAME.matcher(host).matches()) {
            throw new WebhookAddressRefused("the host " + host + " is not a valid name");
        }
        List<InetAddress> resolved;
        try {
            resolved = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new WebhookAddressRefused("the host " + host + " does not resolve");
        }
        if (resolved == null || resolved.isEmpty()) {
            throw new WebhookAddressRefused("the host " + host + " does not resolve");
        }
        return List.copyOf(resolved);
    }

    /** Whether resolvers would read {@code host} as an IPv4 address: its last label is a number. */
    private static boolean looksNumeric(String host) {
        String[] labels = host.split("\\.");
        return labels.length > 0 && NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches();
    }

    private static InetAddress ipv6Literal(String literal) {
        if (literal.contains("%")) {
            throw new WebhookAddressRefused("the host [" + literal + "] names a zone: a link-local address");
        }
        try {
            // a literal containing ':' is parsed, never looked up
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new WebhookAddressRefused("the host [" + literal + "] is not an IPv6 address");
        }
    }

    private static InetAddress canonicalIpv4(String host, String[] labels) {
        if (labels.length != 4) {
            throw nonCanonical(host);
        }
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!CANONICAL_OCTET.matcher(labels[i]).matches() || Integer.parseInt(labels[i]) > 255) {
                throw nonCanonical(host);
            }
            octets[i] = (byte) Integer.parseInt(labels[i]);
        }
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static WebhookAddressRefused nonCanonical(String host) {
        return new WebhookAddressRefused("the host " + host
                + " spells an IPv4 address in a non-canonical form (decimal, octal, hex or short)");
    }

    /** Why {@code address} may not be a webhook's, or empty when it is a public address. */
    static Optional<String> forbiddenRange(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? forbiddenIpv4(bytes, 0) : forbiddenIpv6(bytes);
    }

    private static Optional<String> forbiddenIpv4(byte[] bytes, int offset) {
        int a = bytes[offset] & 0xff;
        int b = bytes[offset + 1] & 0xff;
        int c = bytes[offset + 2] & 0xff;
        int d = bytes[offset + 3] & 0xff;
        if (a == 0) {
            return Optional.of("an unspecified address (0.0.0.0/8)");
        }
        if (a == 127) {
            return Optional.of("a loopback address");
        }
        if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) {
            return Optional.of("a private address");
        }
        if (a == 100 && b >= 64 && b <= 127) {
            return Optional.of("a shared (carrier-grade NAT) address");
        }
        if (a == 169 && b == 254) {
            return Optional.of("a link-local address");
        }
        if (a >= 224 && a <= 239) {
            return Optional.of("a multicast address");
        }
        if (a == 255 && b == 255 && c == 255 && d == 255) {
            return Optional.of("the broadcast address");
        }
        if (a >= 240) {
            return Optional.of("a reserved address (240.0.0.0/4)");
        }
        if ((a == 192 && b == 0 && (c == 0 || c == 2)) || (a == 198 && (b == 18 || b == 19))
                || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
            return Optional.of("a reserved address (protocol assignments, benchmarking or documentation)");
        }
        return Optional.empty();
    }

    private static Optional<String> forbiddenIpv6(byte[] bytes) {
        if (zeros(bytes, 0, 16)) {
            return Optional.of("the unspecified address");
        }
        if (zeros(bytes, 0, 15) && bytes[15] == 1) {
            return Optional.of("a loopback address");
        }
        if (zeros(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
            return forbiddenIpv4(bytes, 12).map(range -> range + " in IPv4-mapped form");
        }
        if (zeros(bytes, 0, 12)) {
            return Optional.of("an IPv4-compatible address (deprecated, never routed)");
        }
        int first = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
        int second = ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        if (first == 0x0064 && second == 0xff9b && zeros(bytes, 4, 12)) {
            return forbiddenIpv4(bytes, 12).map(range -> range + " in NAT64 form");
        }
        if (first == 0x0064 && second == 0xff9b) {
            return Optional.of("a local-use NAT64 address (64:ff9b:1::/48)");
        }
        if (first == 0x2002) {
            return forbiddenIpv4(bytes, 2).map(range -> range + " in 6to4 form");
        }
        if (first == 0x2001 && second == 0x0000) {
            return Optional.of("a Teredo address, which hides the IPv4 address it reaches");
        }
        if (first == 0x2001 && second == 0x0db8) {
            return Optional.of("a documentation address (2001:db8::/32)");
        }
        if (first == 0x0100 && zeros(bytes, 2, 8)) {
            return Optional.of("a discard-only address (100::/64)");
        }
        if ((first & 0xfe00) == 0xfc00) {
            return Optional.of("a private (unique local) address");
        }
        if ((first & 0xffc0) == 0xfe80) {
            return Optional.of("a link-local address");
        }
        if ((first & 0xffc0) == 0xfec0) {
            return Optional.of("a site-local address (deprecated, private)");
        }
        if ((first & 0xff00) == 0xff00) {
            return Optional.of("a multicast address");
        }
        return Optional.empty();
    }

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
