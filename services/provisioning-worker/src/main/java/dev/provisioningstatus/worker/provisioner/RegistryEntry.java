package dev.provisioningstatus.worker.provisioner;

import dev.provisioningstatus.events.Environment;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One virtual cluster in a cluster's registry topic, keyed by {@code virtualClusterId}. It holds
 * no timestamps, so writing it again writes the same value: compaction keeps one, unchanged.
 *
 * @param acls {@code granted}, or why none were created
 */
public record RegistryEntry(
        String virtualClusterId,
        Environment environment,
        String clusterId,
        String workspaceId,
        String applicationId,
        String applicationName,
        String principal,
        String resourcePrefix,
        String acls,
        Map<String, Double> quotas) {

    static final String ACLS_GRANTED = "granted";
    static final String ACLS_SKIPPED = "skipped: the cluster has no authorizer (SecurityDisabledException)";

    public RegistryEntry {
        // Sorted, so the same entry always serializes to the same bytes.
        quotas = Collections.unmodifiableMap(new TreeMap<>(quotas));
    }
}
