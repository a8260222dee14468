package dev.provisioningstatus.statusview.stream;

import java.util.function.IntSupplier;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Passes on the records of one input topic that are on the partition the Java client's default
 * partitioner picks for their key (murmur2), or those that are not. The fold keeps an application's
 * state in the task of that partition, so a record another client put elsewhere (librdkafka's CRC32
 * partitioner, a hand-picked partition) must be rerouted there rather than folded into an empty state
 * or never seen by the application's task. Records without a key pass as on their partition: the
 * reader sends them to the dead-letter topic.
 */
final class PartitionCheck implements Processor<byte[], byte[], byte[], byte[]> {

    /** Metric group {@code stream-status-view-input-metrics}: {@code rerouted-records-total} / {@code -rate}. */
    static final String METRIC_SCOPE = "status-view-input";
    static final String REROUTED_METRIC = "rerouted-records";

    private final String topic;
    private final IntSupplier partitionCount;
    private final boolean passOnTheirPartition;
    private int partitions;
    private ProcessorContext<byte[], byte[]> context;
    private Sensor rerouted;

    private PartitionCheck(String topic, IntSupplier partitionCount, boolean passOnTheirPartition) {
        this.topic = topic;
        this.partitionCount = partitionCount;
        this.passOnTheirPartition = passOnTheirPartition;
    }

    static PartitionCheck onTheirPartition(String topic, IntSupplier partitionCount) {
        return new PartitionCheck(topic, partitionCount, true);
    }

    /** Also counts them, per task, in the {@link #REROUTED_METRIC} metric. */
    static PartitionCheck offTheirPartition(String topic, IntSupplier partitionCount) {
        return new PartitionCheck(topic, partitionCount, false);
    }

    /** The partition a Java producer with the default partitioner writes a record with this key to. */
    static int partitionFor(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.partitions = partitionCount.getAsInt();
        if (!passOnTheirPartition) {
            rerouted = context.metrics().addRateTotalSensor(METRIC_SCOPE, topic + "-" + context.taskId(),
                    REROUTED_METRIC, Sensor.RecordingLevel.INFO, "topic", topic);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        boolean onItsPartition = record.key() == null || context.recordMetadata()
                .map(RecordMetadata::partition)
                .map(partition -> partition == partitionFor(record.key(), partitions))
                .orElse(true);
        if (onItsPartition == passOnTheirPartition) {
            if (!onItsPartition) {
                rerouted.record();
            }
            context.forward(record);
        }
    }

    @Override
    public void close() {
        if (rerouted != null) {
            context.metrics().removeSensor(rerouted);
        }
    }
}
