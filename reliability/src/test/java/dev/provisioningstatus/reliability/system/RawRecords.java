package dev.provisioningstatus.reliability.system;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records to the contract topics as bytes: well-formed ones through the contract serdes
 * (CloudEvents headers included), and anything at all, as a broken or hostile producer would.
 */
public final class RawRecords implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;

    public RawRecords(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    public void register(ApplicationRegistered application) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = Topics.APPLICATIONS.valueSerde().serializer().serialize(Topics.APPLICATIONS.name(), headers,
                application);
        send(Topics.APPLICATIONS.name(), key(application.applicationId()), value, headers);
    }

    public void publish(ProvisioningEvent event) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = Topics.PROVISIONING_EVENTS.valueSerde().serializer().serialize(
                Topics.PROVISIONING_EVENTS.name(), headers, event);
        send(Topics.PROVISIONING_EVENTS.name(), key(event.applicationId()), value, headers);
    }

    /** Sends and waits for the acknowledgement, so a later record of the same key is ordered after it. */
    public void send(String topic, byte[] key, byte[] value, RecordHeaders headers) {
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static byte[] key(String applicationId) {
        return applicationId == null ? null : applicationId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
