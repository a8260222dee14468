package dev.provisioningstatus.notifier.transition;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.EventSerde;
import dev.provisioningstatus.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's stream: reads every view on {@code provisioning.status} (read_committed under
 * exactly-once), keeps the last status per application in a store, and writes each transition
 * ({@link StatusTransitions}) to the internal transitions topic in the same transaction as the store
 * change, keyed by application id so one application's transitions stay in order. A view it cannot
 * read goes to the dead-letter topic with the reason in a header. A pure function of its arguments.
 */
public final class TransitionTopology {

    public static final String STATE_STORE = "application-transition-state";
    /** The header that says why a view went to the dead-letter topic. */
    public static final String DEAD_LETTER_REASON = "dlt-reason";

    private static final Logger LOG = LoggerFactory.getLogger(TransitionTopology.class);

    private static final String SOURCE = "provisioning-status";
    private static final String DERIVE = "derive-transitions";
    private static final String TRANSITIONS_SINK = "transitions";
    private static final String DEAD_LETTER_SINK = "dead-letters";

    private final String transitionsTopic;
    private final String deadLetterTopic;
    private final MeterRegistry meters;

    public TransitionTopology(String transitionsTopic, String deadLetterTopic, MeterRegistry meters) {
        this.transitionsTopic = transitionsTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.meters = meters;
    }

    public Topology build() {
        return addTo(new Topology());
    }

    /** Adds the transition stream to {@code topology} (the one {@code @EnableKafkaStreams} builds). */
    public Topology addTo(Topology topology) {
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Topics.PROVISIONING_STATUS.name());
        topology.addProcessor(DERIVE, () -> new DeriveTransitions(meters), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
                Serdes.String(), new JsonSerde<>(TransitionState.class)), DERIVE);
        topology.addSink(TRANSITIONS_SINK, transitionsTopic, Serdes.String().serializer(),
                new JsonSerde<>(ApplicationTransition.class).serializer(), DERIVE);
        topology.addSink(DEAD_LETTER_SINK, deadLetterTopic, Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), DERIVE);
        return topology;
    }

    private static final class DeriveTransitions implements Processor<String, byte[], String, Object> {

        private final EventSerde<ApplicationProvisioningView> views =
                (EventSerde<ApplicationProvisioningView>) Topics.PROVISIONING_STATUS.valueSerde();
        private final MeterRegistry meters;
        private final Counter deadLettered;
        private ProcessorContext<String, Object> context;
        private KeyValueStore<String, TransitionState> states;

        DeriveTransitions(MeterRegistry meters) {
            this.meters = meters;
            this.deadLettered = Counter.builder("notifier.views.dead-lettered")
                    .description("Views on provisioning.status the notifier could not read").register(meters);
        }

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
            this.states = context.getStateStore(STATE_STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.value() == null) {
                // The application is deleted and clean everywhere: a later registration starts afresh.
                if (record.key() != null) {
                    states.delete(record.key());
                }
                return;
            }
            ApplicationProvisioningView view;
            try {
                view = views.read(record.value());
            } catch (SerializationException unreadable) {
                deadLetter(record, unreadable.getMessage());
                return;
            }
            if (!view.applicationId().equals(record.key())) {
                deadLetter(record, "key '" + record.key() + "' is not the view's application id '"
                        + view.applicationId() + "'");
                return;
            }
            StatusTransitions.Step step = StatusTransitions.next(states.get(record.key()), view);
            states.put(record.key(), step.state());
            Optional<ApplicationTransition> transition = step.transition()
                    .map(kind -> ApplicationTransition.of(kind, view));
            transition.ifPresent(derived -> {
                meters.counter("notifier.transitions", "transition", derived.transition().id()).increment();
                context.forward(new Record<String, Object>(record.key(), derived, record.timestamp()),
                        TRANSITIONS_SINK);
            });
        }

        private void deadLetter(Record<String, byte[]> record, String reason) {
            deadLettered.increment();
            LOG.warn("view of '{}' sent to the dead-letter topic: {}", record.key(), reason);
            Record<String, Object> letter = new Record<String, Object>(record.key(), record.value(), record.timestamp(),
                    record.headers());
            letter.headers().remove(DEAD_LETTER_REASON);
            letter.headers().add(DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
            context.forward(letter, DEAD_LETTER_SINK);
        }
    }
}
