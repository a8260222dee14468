package dev.provisioningstatus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The address policy over a corpus of URLs. Names resolve through a stub, and nothing here opens a
 * connection: the policy only parses and classifies.
 */
class WebhookAddressPolicyTest {

    private static final Map<String, List<InetAddress>> NAMES = Map.of(
            "hooks.example.com", List.of(address("hooks.example.com", 93, 184, 216, 34)),
            "dual.example.com", List.of(address("dual.example.com", 93, 184, 216, 34),
                    address("dual.example.com", 0x26, 0x06, 0x28, 0, 0x02, 0x20, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1)),
            "localhost", List.of(address("localhost", 127, 0, 0, 1),
                    address("localhost", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)),
            "internal.example.com", List.of(address("internal.example.com", 10, 0, 0, 5)),
            "mixed.example.com", List.of(address("mixed.example.com", 93, 184, 216, 34),
                    address("mixed.example.com", 192, 168, 0, 10)),
            "ula.example.com", List.of(address("ula.example.com", 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)),
            "receiver.devstack.test", List.of(address("receiver.devstack.test", 127, 0, 0, 1)),
            "demo.internal.test", List.of(address("demo.internal.test", 10, 0, 0, 7)));

    private final List<String> lookups = new ArrayList<>();
    private final WebhookAddressPolicy policy = new WebhookAddressPolicy(
            List.of("127.0.0.1:8099", "receiver.devstack.test:8099", "demo.internal.test"), host -> {
                lookups.add(host);
                List<InetAddress> addresses = NAMES.get(host);
                if (addresses == null) {
                    throw new UnknownHostException(host);
                }
                return addresses;
            });

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("http://hooks.example.com/", "must be https"),
                Arguments.of("ftp://hooks.example.com/", "must be https"),
                Arguments.of("hooks.example.com/path", "must be https"),
                Arguments.of("", "empty"),
                Arguments.of("https://hooks.example.com/" + "a".repeat(2048), "longer than"),
                Arguments.of("https://exa mple.com/", "malformed"),
                Arguments.of("https://user:password@hooks.example.com/", "user info"),
                Arguments.of("https://user@hooks.example.com/", "user info"),
                Arguments.of("https:///path", "no valid host"),
                Arguments.of("https://hooks_example.com/", "no valid host"),
                Arguments.of("https://hooks.example.com:0/", "port is 0"),
                Arguments.of("https://127.0.0.1/", "loopback"),
                Arguments.of("https://127.8.9.10/", "loopback"),
                Arguments.of("https://10.1.2.3/", "private"),
                Arguments.of("https://172.16.0.1/", "private"),
                Arguments.of("https://172.31.255.255/", "private"),
                Arguments.of("https://192.168.1.1/", "private"),
                Arguments.of("https://100.64.0.1/", "carrier-grade NAT"),
                Arguments.of("https://169.254.169.254/latest/meta-data/", "link-local"),
                Arguments.of("https://224.0.0.1/", "multicast"),
                Arguments.of("https://0.0.0.0/", "unspecified"),
                Arguments.of("https://255.255.255.255/", "broadcast"),
                Arguments.of("https://240.0.0.1/", "reserved"),
                Arguments.of("https://198.18.0.1/", "reserved"),
                Arguments.of("https://[::1]/", "loopback"),
                Arguments.of("https://[::]/", "unspecified"),
                Arguments.of("https://[fc00::1]/", "unique local"),
                Arguments.of("https://[fd12:3456::1]/", "unique local"),
                Arguments.of("https://[fe80::1]/", "link-local"),
                Arguments.of("https://[fec0::1]/", "site-local"),
                Arguments.of("https://[ff02::1]/", "multicast"),
                Arguments.of("https://[::ffff:127.0.0.1]/", "loopback"),
                Arguments.of("https://[::ffff:a9fe:a9fe]/", "link-local"),
                Arguments.of("https://[::ffff:10.0.0.1]:8443/", "private"),
                Arguments.of("https://[::127.0.0.1]/", "IPv4-compatible"),
                Arguments.of("https://[64:ff9b::a00:1]/", "private address in NAT64 form"),
                Arguments.of("https://[64:ff9b::7f00:1]/", "loopback address in NAT64 form"),
                Arguments.of("https://[64:ff9b:1::a00:1]/", "local-use NAT64"),
                Arguments.of("https://[2002:7f00:1::1]/", "loopback address in 6to4 form"),
                Arguments.of("https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "Teredo"),
                Arguments.of("https://[2001:db8::1]/", "documentation"),
                Arguments.of("https://2130706433/", "non-canonical"),
                Arguments.of("https://0177.0.0.1/", "non-canonical"),
                Arguments.of("https://0x7f.0.0.1/", "non-canonical"),
                Arguments.of("https://0x7f000001/", "non-canonical"),
                Arguments.of("https://127.1/", "non-canonical"),
                Arguments.of("https://127.0.0.1.1/", "non-canonical"),
                Arguments.of("https://256.1.1.1/", "non-canonical"),
                Arguments.of("https://localhost/", "loopback"),
                Arguments.of("https://internal.example.com/", "private"),
                Arguments.of("https://mixed.example.com/", "private"),
                Arguments.of("https://ula.example.com/", "unique local"),
                Arguments.of("https://nowhere.example.com/", "does not resolve"),
                Arguments.of("http://127.0.0.1:8098/", "must be https"),
                Arguments.of("https://127.0.0.1:8098/", "loopback"),
                Arguments.of("http://receiver.devstack.test:8098/", "must be https"),
                Arguments.of("http://demo.internal.test/", "private"));
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of("https://hooks.example.com/provisioning", "hooks.example.com", 443, List.of("93.184.216.34")),
                Arguments.of("https://HOOKS.Example.COM./x?y=1", "hooks.example.com", 443, List.of("93.184.216.34")),
                Arguments.of("https://dual.example.com:8443/x", "dual.example.com", 8443,
                        List.of("93.184.216.34", "2606:2800:220:1:0:0:0:1")),
                Arguments.of("https://8.8.8.8/", "8.8.8.8", 443, List.of("8.8.8.8")),
                Arguments.of("https://172.32.0.1/", "172.32.0.1", 443, List.of("172.32.0.1")),
                Arguments.of("https://100.128.0.1/", "100.128.0.1", 443, List.of("100.128.0.1")),
                Arguments.of("https://[2606:4700:4700::1111]/", "[2606:4700:4700::1111]", 443,
                        List.of("2606:4700:4700:0:0:0:0:1111")),
                Arguments.of("https://[::ffff:8.8.8.8]/", "[::ffff:8.8.8.8]", 443, List.of("8.8.8.8")),
                Arguments.of("https://[2002:5db8:d822::1]/", "[2002:5db8:d822::1]", 443,
                        List.of("2002:5db8:d822:0:0:0:0:1")),
                Arguments.of("http://127.0.0.1:8099/deliveries", "127.0.0.1", 8099, List.of("127.0.0.1")),
                Arguments.of("http://receiver.devstack.test:8099/", "receiver.devstack.test", 8099,
                        List.of("127.0.0.1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWithTheReason(String url, String reason) {
        assertThatThrownBy(() -> policy.check(url)).isInstanceOf(WebhookAddressRefused.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void allowsAndNamesTheAddressesToConnectTo(String url, String host, int port, List<String> addresses) {
        CheckedWebhookAddress checked = policy.check(url);

        assertThat(checked.host()).isEqualTo(host);
        assertThat(checked.port()).isEqualTo(port);
        assertThat(checked.addresses()).extracting(InetAddress::getHostAddress).isEqualTo(addresses);
    }

    @Test
    void theCorpusHasAtLeastThirtyUrls() {
        assertThat(refused().count() + allowed().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void aNameIsLookedUpOnceAndTheAddressesOfThatLookupAreTheOnesToConnectTo() {
        CheckedWebhookAddress checked = policy.check("https://dual.example.com/");

        assertThat(lookups).containsExactly("dual.example.com");
        assertThat(checked.socketAddresses()).extracting(socket -> socket.getAddress())
                .containsExactlyElementsOf(NAMES.get("dual.example.com"));
    }

    @Test
    void anAddressLiteralIsNeverLookedUp() {
        policy.check("https://8.8.8.8/");
        policy.check("https://[2606:4700:4700::1111]/");
        assertThatThrownBy(() -> policy.check("https://0x7f000001/")).isInstanceOf(WebhookAddressRefused.class);

        assertThat(lookups).isEmpty();
    }

    @Test
    void anAllowlistEntryWithoutAPortAllowsEveryPortOfItsHost() {
        WebhookAddressPolicy byHost = new WebhookAddressPolicy(List.of(" 127.0.0.1 "), host -> List.of());

        assertThat(byHost.check("http://127.0.0.1:1234/").port()).isEqualTo(1234);
    }

    @Test
    void withoutAnAllowlistNoHttpAndNoLoopbackPasses() {
        WebhookAddressPolicy strict = new WebhookAddressPolicy(List.of(), host -> NAMES.get(host));

        assertThatThrownBy(() -> strict.check("http://127.0.0.1:8099/")).hasMessageContaining("must be https");
        assertThatThrownBy(() -> strict.check("https://127.0.0.1:8099/")).hasMessageContaining("loopback");
    }

    private static InetAddress address(String name, int... octets) {
        byte[] bytes = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            bytes[i] = (byte) octets[i];
        }
        try {
            return InetAddress.getByAddress(name, bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
