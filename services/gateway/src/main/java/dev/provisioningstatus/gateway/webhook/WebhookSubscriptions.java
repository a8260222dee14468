package dev.provisioningstatus.gateway.webhook;

import dev.provisioningstatus.events.WebhookDeliveryAttempt;
import dev.provisioningstatus.events.WebhookRedeliveryRequested;
import dev.provisioningstatus.events.WebhookScope;
import dev.provisioningstatus.events.WebhookSecretCipher;
import dev.provisioningstatus.events.WebhookSigningSecret;
import dev.provisioningstatus.events.WebhookSubscription;
import dev.provisioningstatus.events.WebhookTransition;
import dev.provisioningstatus.gateway.problem.ApiProblems;
import dev.provisioningstatus.gateway.security.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The webhook API's rules: who sees which subscription (its owner's route only, else 404), the secret made
 * here, shown once and stored only encrypted, and writes answered once this instance has read them back, so
 * the caller's next read sees them.
 */
public final class WebhookSubscriptions {

    private static final Duration READ_BACK_POLL = Duration.ofMillis(10);

    private final WebhookRequestValidator validator;
    private final WebhookSecretCipher cipher;
    private final WebhookIndex index;
    private final WebhookPublisher publisher;
    private final Clock clock;
    private final Duration visibleWithin;

    public WebhookSubscriptions(WebhookRequestValidator validator, WebhookSecretCipher cipher, WebhookIndex index,
            WebhookPublisher publisher, Clock clock, Duration visibleWithin) {
        this.validator = validator;
        this.cipher = cipher;
        this.index = index;
        this.publisher = publisher;
        this.clock = clock;
        this.visibleWithin = visibleWithin;
    }

    public Mono<CreatedWebhookSubscription> create(WebhookOwner owner, WebhookRequest request, Caller caller) {
        // Checking the URL may look its name up: off the event loop.
        return Mono.fromCallable(() -> subscription(owner, request, caller))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(created -> publisher.save(created.subscription()).flatMap(this::readBack)
                        .thenReturn(CreatedWebhookSubscription.of(created.subscription(), created.secret())));
    }

    private NewSubscription subscription(WebhookOwner owner, WebhookRequest request, Caller caller) {
        List<WebhookTransition> transitions = validator.validate(request);
        String subscriptionId = UUID.randomUUID().toString();
        String secret = WebhookSigningSecret.generate();
        String encrypted = cipher.encrypt(secret, subscriptionId);
        Instant now = clock.instant();
        WebhookSubscription subscription = owner.scope() == WebhookScope.PLATFORM
                ? WebhookSubscription.forPlatform(subscriptionId, request.url(), transitions, request.description(),
                        encrypted, now, caller.subject())
                : WebhookSubscription.forWorkspace(subscriptionId, owner.workspaceId(), request.url(), transitions,
                        request.description(), encrypted, now, caller.subject());
        return new NewSubscription(subscription, secret);
    }

    private record NewSubscription(WebhookSubscription subscription, String secret) {
    }

    public WebhookSubscriptionList list(WebhookOwner owner) {
        return new WebhookSubscriptionList(index.all().stream().filter(owner::owns).map(this::view).toList());
    }

    public WebhookSubscriptionView get(WebhookOwner owner, String subscriptionId) {
        return view(require(owner, subscriptionId));
    }

    public Mono<Void> delete(WebhookOwner owner, String subscriptionId) {
        require(owner, subscriptionId);
        return publisher.delete(subscriptionId).flatMap(this::readBack);
    }

    public WebhookDeliveryLog deliveries(WebhookOwner owner, String subscriptionId) {
        require(owner, subscriptionId);
        return new WebhookDeliveryLog(subscriptionId, status(subscriptionId),
                index.attempts(subscriptionId).stream().map(WebhookDeliveryView::of).toList());
    }

    /** Asks the notifier to send a delivery of the subscription's log again; one not in the log is not found. */
    public Mono<RedeliveryAccepted> redeliver(WebhookOwner owner, String subscriptionId, String deliveryId,
            Caller caller) {
        require(owner, subscriptionId);
        WebhookDeliveryAttempt delivered = index.attempts(subscriptionId).stream()
                .filter(attempt -> attempt.deliveryId().equals(deliveryId)).findFirst()
                .orElseThrow(() -> ApiProblems.problem(HttpStatus.NOT_FOUND,
                        "No delivery '" + deliveryId + "' in this webhook's log", Map.of()));
        WebhookRedeliveryRequested request = WebhookRedeliveryRequested.of(subscriptionId, deliveryId,
                delivered.applicationId(), caller.subject(), clock.instant());
        return publisher.requestRedelivery(request)
                .thenReturn(new RedeliveryAccepted(subscriptionId, deliveryId, request.eventId()));
    }

    private WebhookSubscription require(WebhookOwner owner, String subscriptionId) {
        return index.find(subscriptionId).filter(owner::owns).orElseThrow(() -> notFound(subscriptionId));
    }

    private WebhookSubscriptionView view(WebhookSubscription subscription) {
        return WebhookSubscriptionView.of(subscription, status(subscription.subscriptionId()));
    }

    private WebhookStatus status(String subscriptionId) {
        return index.isFailing(subscriptionId) ? WebhookStatus.FAILING : WebhookStatus.ACTIVE;
    }

    /** Waits, within bounds, until this instance's feed has read the record; the write stands either way. */
    private Mono<Void> readBack(RecordMetadata written) {
        TopicPartition partition = new TopicPartition(written.topic(), written.partition());
        return Flux.interval(Duration.ZERO, READ_BACK_POLL)
                .filter(tick -> index.hasRead(partition, written.offset()))
                .next()
                .timeout(visibleWithin, Mono.empty())
                .then();
    }

    /** The same answer for unknown subscriptions and another owner's, so callers learn nothing about others. */
    private static ErrorResponseException notFound(String subscriptionId) {
        return ApiProblems.problem(HttpStatus.NOT_FOUND, "No webhook '" + subscriptionId + "' is visible here",
                Map.of());
    }
}
