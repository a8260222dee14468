#!/bin/sh
# Waits until the Temporal frontend reports SERVING, then registers the workers' namespace if it is missing.
#
# Retention bounds how long closed runs stay in Temporal. The worker reads a workflow's latest run to number
# the next attempt and to skip environments that already succeeded, so keep it longer than anyone would wait
# before retrying a failed provisioning.
set -eu

address="${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is required}"
namespace="${TEMPORAL_NAMESPACE:?TEMPORAL_NAMESPACE is required}"
retention="${TEMPORAL_NAMESPACE_RETENTION:?TEMPORAL_NAMESPACE_RETENTION is required}"

checks=0
until temporal operator cluster health --address "$address"; do
  checks=$((checks + 1))
  if [ "$checks" -ge 60 ]; then
    echo "Temporal at $address is still not serving after $checks checks" >&2
    exit 1
  fi
  sleep 2
done

if temporal operator namespace describe --namespace "$namespace" --address "$address" >/dev/null 2>&1; then
  echo "Temporal namespace '$namespace' exists"
else
  temporal operator namespace create --namespace "$namespace" --retention "$retention" --address "$address"
  echo "Temporal namespace '$namespace' registered (retention $retention)"
fi
