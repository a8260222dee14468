package dev.provisioningstatus.notifier.health;

import dev.provisioningstatus.notifier.delivery.RedeliveryLoop;
import dev.provisioningstatus.notifier.delivery.TransitionDeliveryLoop;
import dev.provisioningstatus.notifier.subscription.Subscriptions;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Up while every part of the notifier works: the transition stream is {@code RUNNING} and the readers of
 * subscriptions, transitions and commands are alive. A reader that died is down, so an orchestrator
 * restarts the service; a rebalancing stream is out of service.
 */
@Component("notifier")
class NotifierHealthIndicator implements HealthIndicator {

    private final StreamsBuilderFactoryBean streams;
    private final Subscriptions subscriptions;
    private final TransitionDeliveryLoop deliveries;
    private final RedeliveryLoop redeliveries;

    NotifierHealthIndicator(StreamsBuilderFactoryBean streams, Subscriptions subscriptions,
            TransitionDeliveryLoop deliveries, RedeliveryLoop redeliveries) {
        this.streams = streams;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.redeliveries = redeliveries;
    }

    @Override
    public Health health() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        KafkaStreams.State state = kafkaStreams == null ? KafkaStreams.State.CREATED : kafkaStreams.state();
        boolean readersAlive = subscriptions.isRunning() && deliveries.isRunning() && redeliveries.isRunning();
        Health.Builder health;
        if (!readersAlive || state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.NOT_RUNNING) {
            health = Health.down();
        } else if (state == KafkaStreams.State.RUNNING) {
            health = Health.up();
        } else {
            health = Health.outOfService();
        }
        return health.withDetail("transitions", state.name())
                .withDetail("subscriptions", subscriptions.isRunning() ? "reading" : "stopped")
                .withDetail("deliveries", deliveries.isRunning() ? "delivering" : "stopped")
                .withDetail("redeliveries", redeliveries.isRunning() ? "delivering" : "stopped")
                .build();
    }
}
