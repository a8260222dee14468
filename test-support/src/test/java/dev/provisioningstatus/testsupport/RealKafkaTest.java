package dev.provisioningstatus.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@RealKafka
class RealKafkaTest {

    @Test
    void aRecordProducedToTheSharedBrokerCanBeConsumed(KafkaBroker broker) throws Exception {
        TestTopics.create(broker.bootstrapServers(), List.of(Topics.PROVISIONING_COMMANDS), "support-");
        String topic = "support-" + Topics.PROVISIONING_COMMANDS.name();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
        }

        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "support-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int polls = 0; polls < 100 && records.isEmpty(); polls++) {
                records = consumer.poll(Duration.ofMillis(200));
            }
            assertThat(records.records(topic)).extracting(r -> r.value()).containsExactly("v");
        }
    }
}
