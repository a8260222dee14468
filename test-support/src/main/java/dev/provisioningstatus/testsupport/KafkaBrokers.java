package dev.provisioningstatus.testsupport;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one shared broker of a test JVM. Testcontainers Kafka where a Docker engine answers; an
 * embedded KRaft broker (Kafka's own server classes, in this JVM) where none does. Test code sees
 * only {@link KafkaBroker#bootstrapServers()}, so it is the same either way.
 *
 * <p>{@code -Dtest.kafka.broker=testcontainers|embedded} forces a choice; the default is {@code auto}.
 */
public final class KafkaBrokers {

    private static final Logger log = LoggerFactory.getLogger(KafkaBrokers.class);
    static final String CHOICE_PROPERTY = "test.kafka.broker";
    static final String IMAGE_PROPERTY = "test.kafka.image";
    private static final String DEFAULT_IMAGE = "apache/kafka:4.1.2";

    private static KafkaBroker shared;

    private KafkaBrokers() {
    }

    /** Starts the broker on first use; it stops when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = start(choice());
            log.info("Integration tests use a {} Kafka broker at {}", shared.kind(), shared.bootstrapServers());
        }
        return shared;
    }

    static String choice() {
        String choice = System.getProperty(CHOICE_PROPERTY, "auto").toLowerCase(Locale.ROOT);
        if (!choice.equals("auto")) {
            return choice;
        }
        return dockerAvailable() ? "testcontainers" : "embedded";
    }

    private static boolean dockerAvailable() {
        // Asking Testcontainers without any engine logs a long error block; skip the probe when nothing can answer.
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static KafkaBroker start(String choice) {
        return switch (choice) {
            case "testcontainers" -> startContainer();
            case "embedded" -> startEmbedded();
            default -> throw new IllegalArgumentException(CHOICE_PROPERTY + " must be auto, testcontainers or embedded");
        };
    }

    private static KafkaBroker startContainer() {
        KafkaContainer container = new KafkaContainer(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
        String bootstrap = container.getBootstrapServers();
        return new Started(bootstrap, "testcontainers");
    }

    private static KafkaBroker startEmbedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        // Streams and tests create their topics explicitly; auto-creation would hide a missing declaration.
        // One broker: internal topics must fit on it, or exactly-once producers wait for ever.
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
        return new Started(broker.getBrokersAsString(), "embedded-kraft");
    }

    private record Started(String bootstrapServers, String kind) implements KafkaBroker {
    }
}
