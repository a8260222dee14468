package dev.provisioningstatus.events;

/**
 * Headers that say why a record is on a dead-letter topic: part of the contract (the AsyncAPI
 * document lists them), so the services that write them and the readers share these names. Those of
 * {@code provisioning.events.dlq} are the names of Kafka Streams' own dead-letter queue (KIP-1034), so
 * DLQ tooling reads both alike.
 */
public final class DeadLetterHeaderNames {

    /** On {@code provisioning.commands.dlq}: why the worker could not process the command, in words. */
    public static final String COMMAND_REASON = "dlt-reason";

    /** On {@code provisioning.events.dlq}: class of the exception that made the record unreadable. */
    public static final String STREAMS_EXCEPTION = "__streams.errors.exception";
    /** Why the record is unreadable, for humans. */
    public static final String STREAMS_MESSAGE = "__streams.errors.message";
    public static final String STREAMS_TOPIC = "__streams.errors.topic";
    public static final String STREAMS_PARTITION = "__streams.errors.partition";
    public static final String STREAMS_OFFSET = "__streams.errors.offset";

    private DeadLetterHeaderNames() {
    }
}
