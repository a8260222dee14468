package dev.provisioningstatus.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;

/**
 * A real KRaft broker (embedded, Kafka's own server classes) that checks who clients are and what
 * they may do: SASL/PLAIN on every listener, {@link StandardAuthorizer} with
 * {@code allow.everyone.if.no.acl.found=false}. Super users may do anything; other users only what
 * ACLs grant them, which is nothing until someone creates ACLs.
 *
 * <p>Unlike {@link KafkaBrokers#shared()} it is not shared: a test class starts one with the users
 * it needs and closes it. Each user's password is {@code <name>-secret}; {@link #clientProperties}
 * gives the client settings to connect as one of them.
 *
 * <pre>{@code
 * try (AuthorizingKafkaBroker broker = AuthorizingKafkaBroker.builder()
 *         .superUser("provisioner").user("intruder").start()) {
 *     Admin admin = Admin.create(broker.clientProperties("provisioner"));
 * }
 * }</pre>
 */
public final class AuthorizingKafkaBroker implements KafkaBroker, AutoCloseable {

    /** The broker's own identity between its listeners; always a super user. */
    static final String CLUSTER_USER = "plain-admin";
    private static final String CLUSTER_PASSWORD = "plain-admin-secret";

    private final KafkaClusterTestKit cluster;
    private final Set<String> users;

    private AuthorizingKafkaBroker(KafkaClusterTestKit cluster, Set<String> users) {
        this.cluster = cluster;
        this.users = users;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public String kind() {
        return "embedded-kraft-sasl-plain-authorizer";
    }

    /** Kafka client settings (security protocol, mechanism, credentials) to connect as {@code user}. */
    public Map<String, Object> clientProperties(String user) {
        if (!users.contains(user)) {
            throw new IllegalArgumentException("'" + user + "' is not a user of this broker; users: " + users);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.putAll(securityProperties(user));
        return properties;
    }

    /**
     * Only the security settings of {@link #clientProperties}, as text, for clients configured
     * through string properties (Spring's {@code ...properties.*}).
     */
    public Map<String, String> securityProperties(String user) {
        return Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name,
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, PlainLoginModule.class.getName()
                        + " required username=\"" + user + "\" password=\"" + password(user) + "\";");
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the authorizing Kafka broker", e);
        }
    }

    static String password(String user) {
        return user.equals(CLUSTER_USER) ? CLUSTER_PASSWORD : user + "-secret";
    }

    /** Users the broker knows; the cluster's own identity is added. */
    public static final class Builder {

        private final Set<String> users = new LinkedHashSet<>();
        private final Set<String> superUsers = new LinkedHashSet<>();

        private Builder() {
        }

        /** A user who authenticates and may do only what ACLs allow. */
        public Builder user(String name) {
            users.add(requireName(name));
            return this;
        }

        /** A user the authorizer lets do anything ({@code super.users}). */
        public Builder superUser(String name) {
            superUsers.add(requireName(name));
            return user(name);
        }

        public AuthorizingKafkaBroker start() {
            Set<String> allUsers = new LinkedHashSet<>(users);
            allUsers.add(CLUSTER_USER);
            Set<String> allSuperUsers = new LinkedHashSet<>(superUsers);
            allSuperUsers.add(CLUSTER_USER);
            try {
                TestKitNodes nodes = new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .build();
                KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
                serverProperties(nodes, allUsers, allSuperUsers).forEach(builder::setConfigProp);
                KafkaClusterTestKit cluster = builder.build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                return new AuthorizingKafkaBroker(cluster, Set.copyOf(allUsers));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the authorizing Kafka broker", e);
            }
        }

        private static Map<String, String> serverProperties(TestKitNodes nodes, Set<String> users,
                Set<String> superUsers) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("authorizer.class.name", StandardAuthorizer.class.getName());
            properties.put("allow.everyone.if.no.acl.found", "false");
            properties.put("super.users", superUsers.stream().map(user -> "User:" + user)
                    .collect(Collectors.joining(";")));
            // The test kit's own JAAS file knows only its two users: the client listener gets ours.
            String listener = nodes.brokerListenerName().value().toLowerCase(Locale.ROOT);
            properties.put("listener.name." + listener + ".plain.sasl.jaas.config", serverJaas(users));
            // As on the shared broker: one node, so internal topics must fit on it; no topic appears by accident.
            properties.put("auto.create.topics.enable", "false");
            properties.put("group.initial.rebalance.delay.ms", "0");
            properties.put("offsets.topic.replication.factor", "1");
            properties.put("transaction.state.log.replication.factor", "1");
            properties.put("transaction.state.log.min.isr", "1");
            return properties;
        }

        /** The listener's login (the broker's own identity) and every user's password. */
        private static String serverJaas(Set<String> users) {
            List<String> options = new ArrayList<>();
            options.add("username=\"" + CLUSTER_USER + "\"");
            options.add("password=\"" + CLUSTER_PASSWORD + "\"");
            users.forEach(user -> options.add("user_" + user + "=\"" + password(user) + "\""));
            return PlainLoginModule.class.getName() + " required " + String.join(" ", options) + ";";
        }

        private static String requireName(String name) {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("'" + name + "' is not a plain user name");
            }
            return name;
        }
    }
}
