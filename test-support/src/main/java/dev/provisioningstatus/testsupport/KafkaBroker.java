package dev.provisioningstatus.testsupport;

/** A real Kafka broker for integration tests, whichever way it was started. */
public interface KafkaBroker {

    String bootstrapServers();

    /** How it runs, for logs: {@code testcontainers} or {@code embedded-kraft}. */
    String kind();
}
