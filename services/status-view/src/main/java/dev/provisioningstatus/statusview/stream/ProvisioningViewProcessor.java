package dev.provisioningstatus.statusview.stream;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.statusview.view.ApplicationFoldState;
import dev.provisioningstatus.statusview.view.FoldResult;
import dev.provisioningstatus.statusview.view.ProvisioningViewFolder;
import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds each input into its application's state and publishes the view when it changed: every view to
 * the status sink, and to the issues sink the views that need attention, with a tombstone there once an
 * application stops needing it (completed or deleted).
 */
final class ProvisioningViewProcessor implements Processor<String, FoldInput, String, byte[]> {

    private final Serializer<ApplicationProvisioningView> views = Topics.PROVISIONING_STATUS.valueSerde().serializer();

    private final ProvisioningViewFolder folder;
    private final String storeName;
    private final Counter staleEvents;
    private final String statusSink;
    private final String issuesSink;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, ApplicationFoldState> store;

    ProvisioningViewProcessor(ProvisioningViewFolder folder, String storeName, Counter staleEvents, String statusSink,
            String issuesSink) {
        this.folder = folder;
        this.storeName = storeName;
        this.staleEvents = staleEvents;
        this.statusSink = statusSink;
        this.issuesSink = issuesSink;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, FoldInput> record) {
        String applicationId = record.key();
        ApplicationFoldState before = store.get(applicationId);
        FoldResult result = fold(before, record.value(), record.timestamp());
        if (result.staleIncarnation()) {
            staleEvents.increment();
        }
        if (result.state() == null) {
            if (before != null) {
                store.delete(applicationId);
            }
        } else if (result.state() != before) {
            store.put(applicationId, result.state());
        }
        switch (result.publication()) {
            case VIEW -> {
                // Serialized once for both topics: the same bytes and CloudEvents headers.
                Headers headers = new RecordHeaders();
                byte[] value = views.serialize(Topics.PROVISIONING_STATUS.name(), headers, result.view());
                Record<String, byte[]> view = new Record<>(applicationId, value, record.timestamp(), headers);
                context.forward(view, statusSink);
                if (result.view().status().hasIssues()) {
                    context.forward(view, issuesSink);
                } else if (result.wasIssue()) {
                    context.forward(new Record<>(applicationId, null, record.timestamp()), issuesSink);
                }
            }
            case TOMBSTONE -> {
                Record<String, byte[]> tombstone = new Record<>(applicationId, null, record.timestamp());
                context.forward(tombstone, statusSink);
                if (result.wasIssue()) {
                    context.forward(tombstone, issuesSink);
                }
            }
            case NOTHING -> {
                // the view did not change: readers get nothing new
            }
        }
    }

    private FoldResult fold(ApplicationFoldState state, FoldInput input, long timestamp) {
        if (input instanceof FoldInput.Registration registration) {
            return folder.register(state, registration.registered());
        }
        if (input instanceof FoldInput.Provisioning provisioning) {
            return folder.apply(state, provisioning.event());
        }
        return folder.deregister(state, Instant.ofEpochMilli(timestamp));
    }
}
