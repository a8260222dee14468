#!/usr/bin/env bash
# Creates the contract topics (docs/architecture.md, "Topics") on the platform cluster. Topics that exist already are
# left as they are, so running it again is harmless; but applications and provisioning.events must keep one
# partition count (the status view folds them by key in one task), so a mismatch fails the job.
#
# BOOTSTRAP_SERVERS, TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR: required.
# KAFKA_BIN: where kafka-topics.sh lives (the apache/kafka image's /opt/kafka/bin by default).
set -euo pipefail

bootstrap="${BOOTSTRAP_SERVERS:?BOOTSTRAP_SERVERS is required}"
partitions="${TOPIC_PARTITIONS:?TOPIC_PARTITIONS is required}"
replication="${TOPIC_REPLICATION_FACTOR:?TOPIC_REPLICATION_FACTOR is required}"
kafka_topics="${KAFKA_BIN:-/opt/kafka/bin}/kafka-topics.sh"
day_ms=86400000

create() {
  local topic=$1
  shift
  "$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor "$replication" "$@"
}

partition_count() {
  "$kafka_topics" --bootstrap-server "$bootstrap" --describe --topic "$1" \
    | sed -n 's/.*PartitionCount: *\([0-9][0-9]*\).*/\1/p' | head -n 1
}

create applications --config cleanup.policy=compact
create provisioning.commands --config cleanup.policy=delete --config retention.ms=$((7 * day_ms))
create provisioning.commands.dlq --config cleanup.policy=delete --config retention.ms=$((30 * day_ms))
create provisioning.events --config cleanup.policy=delete --config retention.ms=$((30 * day_ms))
create provisioning.events.dlq --config cleanup.policy=delete --config retention.ms=$((30 * day_ms))
create provisioning.status --config cleanup.policy=compact
create provisioning.issues --config cleanup.policy=compact
create notifications.subscriptions --config cleanup.policy=compact
create notifications.deliveries --config cleanup.policy=delete --config retention.ms=$((7 * day_ms))
create notifications.commands --config cleanup.policy=delete --config retention.ms=$((7 * day_ms))
create notifications.dlq --config cleanup.policy=delete --config retention.ms=$((30 * day_ms))

applications=$(partition_count applications)
events=$(partition_count provisioning.events)
if [[ "$applications" != "$events" ]]; then
  echo "applications has $applications partitions but provisioning.events has $events:" \
    "the status view needs the same number on both" >&2
  exit 1
fi
echo "Contract topics ready on $bootstrap (applications and provisioning.events: $applications partitions)"
