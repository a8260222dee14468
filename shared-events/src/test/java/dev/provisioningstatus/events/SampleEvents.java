package dev.provisioningstatus.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One realistic instance of every contract type; each has a golden JSON file named after its type. */
final class SampleEvents {

    static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    static final String APP = "orders-api";
    static final String WORKFLOW = EventIds.workflowId(APP);

    static final ApplicationRegistered REGISTERED = ApplicationRegistered.of(APP, "Orders API", "acme", "Acme Corp",
            List.of(Environment.DEV, Environment.STAGE, Environment.PROD), T0);

    static final String INCARNATION = REGISTERED.incarnation();

    static final ProvisionRequested REQUESTED = new ProvisionRequested("6f1c2a7e-3b5d-4c8e-9a0f-1b2c3d4e5f60", APP,
            "Orders API", "acme", List.of(Environment.DEV, Environment.STAGE, Environment.PROD), Trigger.CREATED,
            "alice", T0.plusSeconds(1), null, INCARNATION);

    /** A retry after attempt 1 ended partial: it names the attempt its sender saw. */
    static final ProvisionRequested RETRY_REQUESTED = new ProvisionRequested("3c9d2e41-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
            APP, "Orders API", "acme", List.of(Environment.DEV, Environment.STAGE, Environment.PROD), Trigger.RETRY,
            "alice", T0.plusSeconds(60), 1, INCARNATION);

    static final ProvisioningStarted STARTED = ProvisioningStarted.of(APP, INCARNATION, WORKFLOW, 1,
            List.of(Environment.DEV, Environment.STAGE, Environment.PROD), Trigger.CREATED, REQUESTED.commandId(),
            T0.plusSeconds(2));

    static final EnvironmentProvisioningResult DEV_SUCCEEDED = EnvironmentProvisioningResult.succeeded(APP,
            INCARNATION, WORKFLOW, 1, Environment.DEV, "dev/acme.orders-api", T0.plusSeconds(3));

    static final EnvironmentProvisioningResult STAGE_FAILED = EnvironmentProvisioningResult.failed(APP, INCARNATION,
            WORKFLOW, 1,
            Environment.STAGE, FailureReason.ConnectionRefused,
            "java.net.ConnectException: Connection refused\n\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)",
            true, T0.plusSeconds(4));

    static final ProvisioningFinished FINISHED = ProvisioningFinished.of(APP, INCARNATION, WORKFLOW, 1, ProvisioningStatus.PARTIAL,
            T0.plusSeconds(5));

    /** A retry asked for while attempt 1 was still running: Temporal refused it. */
    static final ProvisioningRequestRejected REJECTED = ProvisioningRequestRejected.runInProgress(
            new ProvisionRequested("0b5e6f3a-7d1c-4f62-9a57-2c3f1b8e9d40", APP, "Orders API", "acme",
                    List.of(Environment.DEV, Environment.STAGE, Environment.PROD), Trigger.RETRY, "alice",
                    T0.plusSeconds(3), 1, INCARNATION),
            WORKFLOW, 1, T0.plusSeconds(3));

    static final ApplicationProvisioningView VIEW = new ApplicationProvisioningView(
            ApplicationProvisioningView.eventId(APP, 4), APP, "Orders API", "acme", "Acme Corp",
            ProvisioningStatus.PARTIAL, "stage: Connection refused", WORKFLOW, 1, T0.plusSeconds(2), T0.plusSeconds(5),
            4, List.of(
                    new EnvironmentCondition(Environment.DEV, EnvironmentStatus.SUCCEEDED, null,
                            "Provisioned successfully", null, false, "dev/acme.orders-api", 1, T0.plusSeconds(3),
                            List.of()),
                    new EnvironmentCondition(Environment.STAGE, EnvironmentStatus.FAILED,
                            FailureReason.ConnectionRefused, "Connection refused", STAGE_FAILED.errorDetail(), true,
                            null, 1, T0.plusSeconds(4),
                            List.of(new AttemptRecord(0, EnvironmentStatus.PENDING, null, "Waiting to be provisioned",
                                    T0))),
                    new EnvironmentCondition(Environment.PROD, EnvironmentStatus.IN_PROGRESS, null,
                            "Provisioning", null, false, null, 1, T0.plusSeconds(2), List.of())),
            INCARNATION);

    static final String DEPROVISIONING_WORKFLOW = EventIds.deprovisioningWorkflowId(APP, INCARNATION);

    /** The application was deleted an hour later; stage is down while its virtual clusters are removed. */
    static final DeprovisioningStarted DEPROVISIONING_STARTED = DeprovisioningStarted.of(APP, INCARNATION,
            DEPROVISIONING_WORKFLOW, 1, List.of(Environment.DEV, Environment.STAGE, Environment.PROD),
            T0.plusSeconds(3601));

    static final EnvironmentDeprovisioningResult DEV_DEPROVISIONED = EnvironmentDeprovisioningResult.deprovisioned(
            APP, INCARNATION, DEPROVISIONING_WORKFLOW, 1, Environment.DEV, T0.plusSeconds(3602));

    static final EnvironmentDeprovisioningResult STAGE_DEPROVISIONING_FAILED = EnvironmentDeprovisioningResult.failed(
            APP, INCARNATION, DEPROVISIONING_WORKFLOW, 1, Environment.STAGE, FailureReason.ConnectionRefused,
            STAGE_FAILED.errorDetail(), true, T0.plusSeconds(3602));

    static final DeprovisioningFinished DEPROVISIONING_FINISHED = DeprovisioningFinished.of(APP, INCARNATION,
            DEPROVISIONING_WORKFLOW, 1, false, T0.plusSeconds(3603));

    static final String WEBHOOK_ID = EventIds.ofIncarnation("WebhookTransition", APP, INCARNATION, 4L,
            WebhookTransition.PARTIAL);

    /** The receiver of subscription wh-acme-1 answered 503 to the first attempt; a second one follows. */
    static final WebhookDeliveryAttempt DELIVERY_RETRYING = WebhookDeliveryAttempt.of("wh-acme-1", WEBHOOK_ID, APP,
            WebhookTransition.PARTIAL, 1, T0.plusSeconds(6), 503, 42, "HTTP 503", WebhookDeliveryOutcome.RETRYING);

    static final WebhookDeliveryAttempt DELIVERY_DELIVERED = WebhookDeliveryAttempt.of("wh-acme-1", WEBHOOK_ID, APP,
            WebhookTransition.PARTIAL, 2, T0.plusSeconds(8), 204, 17, null, WebhookDeliveryOutcome.DELIVERED);

    static final WebhookRedeliveryRequested REDELIVERY_REQUESTED = WebhookRedeliveryRequested.of("wh-acme-1",
            DELIVERY_DELIVERED.deliveryId(), APP, "alice", T0.plusSeconds(600));

    /** The key the sample subscriptions' secrets are encrypted with, each for its own subscription id. */
    static final String WEBHOOK_SECRET_KEY = "sKJThsFWABCRc5u3g2J6emvaAq1Utxyr3PpYVl24Oc0=";
    static final String WORKSPACE_WEBHOOK_SECRET = "whsec_BI+EqhWhj3xuffn+ntmhvwnCTk1GEXGXl8NY56zWXbg=";
    static final String PLATFORM_WEBHOOK_SECRET = "whsec_Sfg5Fpj5hrm1zmWitGFPMNdWzEyJZJm60dWwVdRSYKI=";

    static final WebhookSubscription WORKSPACE_WEBHOOK = WebhookSubscription.forWorkspace(
            "5f0c8e2a-9d4b-4a61-8c3e-2b7d1f6a9e40", "acme", "https://hooks.acme.example/provisioning",
            List.of(WebhookTransition.FAILED, WebhookTransition.RECOVERED), "Acme on-call channel",
            "0muUT0fwY71kWEAbqrLphpfj8vFMbxh05cOh7wJ/sKoETJhSWfpV3nnrgkzd0MgS6EbGoCU+j1FjP7G7dXpxv+gFW1L1wOHlwP3lO/6U", T0.plusSeconds(7200), "alice");

    static final WebhookSubscription PLATFORM_WEBHOOK = WebhookSubscription.forPlatform(
            "a3e1b7c9-2f4d-4e8a-b6c0-7d9e1f2a3b4c", "https://incidents.platform.example/hooks/provisioning",
            List.of(WebhookTransition.FAILED, WebhookTransition.PARTIAL, WebhookTransition.RECOVERED), null,
            "TIUSxwz8gHpaN3H2X59ejMiI4+5hTtFX2qOSSAk08wVQV03yjWfKAgCB4byGML34YOLOuKRMojbOFrtxY2OCV7p0OIZwB9ZR9+OX5w9A", T0.plusSeconds(7260), "admin");

    /** Golden file name (without extension) → the instance it must equal. */
    static final Map<String, ContractEvent> BY_GOLDEN_NAME = Map.ofEntries(
            Map.entry("ApplicationRegistered", REGISTERED),
            Map.entry("ProvisionRequested", REQUESTED),
            Map.entry("ProvisionRequested.retry", RETRY_REQUESTED),
            Map.entry("ProvisioningStarted", STARTED),
            Map.entry("EnvironmentProvisioningResult.succeeded", DEV_SUCCEEDED),
            Map.entry("EnvironmentProvisioningResult.failed", STAGE_FAILED),
            Map.entry("ProvisioningFinished", FINISHED),
            Map.entry("ProvisioningRequestRejected", REJECTED),
            Map.entry("ApplicationProvisioningView", VIEW),
            Map.entry("DeprovisioningStarted", DEPROVISIONING_STARTED),
            Map.entry("EnvironmentDeprovisioningResult.deprovisioned", DEV_DEPROVISIONED),
            Map.entry("EnvironmentDeprovisioningResult.failed", STAGE_DEPROVISIONING_FAILED),
            Map.entry("DeprovisioningFinished", DEPROVISIONING_FINISHED),
            Map.entry("WebhookDeliveryAttempt.retrying", DELIVERY_RETRYING),
            Map.entry("WebhookDeliveryAttempt.delivered", DELIVERY_DELIVERED),
            Map.entry("WebhookRedeliveryRequested", REDELIVERY_REQUESTED),
            Map.entry("WebhookSubscription.workspace", WORKSPACE_WEBHOOK),
            Map.entry("WebhookSubscription.platform", PLATFORM_WEBHOOK));

    private SampleEvents() {
    }
}
