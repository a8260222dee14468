package dev.provisioningstatus.gateway;

import dev.provisioningstatus.events.WebhookAddressPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The test gateway's name resolver: it answers no name, so a webhook URL naming a host can never make a test
 * query a DNS server (tests connect to loopback only). It remembers what it was asked.
 */
@TestConfiguration(proxyBeanMethods = false)
public class NoNameLookups {

    @Bean
    Resolver noNameLookupsResolver() {
        return new Resolver();
    }

    public static final class Resolver implements WebhookAddressPolicy.HostResolver {

        private final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            asked.add(host);
            throw new UnknownHostException(host + ": the gateway's tests resolve no names");
        }

        public List<String> asked() {
            return List.copyOf(asked);
        }
    }
}
