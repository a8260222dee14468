#!/usr/bin/env bash
# Smoke test of the production-shaped stack (docker-compose.yml): registers an application through the
# gateway, as the platform would, and waits until its provisioning view says `completed`, i.e. the gateway,
# Kafka, the worker, Temporal, both environment clusters and the status view all did their part.
#
#   docker/smoke-test.sh            builds the jars and images, brings the stack up as its own compose
#                                   project (gateway on host port SMOKE_GATEWAY_PORT, default 18080; Kafka
#                                   on SMOKE_KAFKA_PORT, default 19092), checks, then removes it with its
#                                   volumes
#   docker/smoke-test.sh --running  only the check, against a stack that is already up (GATEWAY_URL,
#                                   default http://localhost:8080)
#
# The gateway's HMAC key comes from .env, or from the environment, or (full run only) is generated for the
# run. Needs curl and openssl; the full run also needs a Docker engine and Maven. SKIP_BUILD=1 reuses the
# jars already in target/; KEEP_STACK=1 leaves the stack running.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
case "${1:-}" in
  "") ;;
  --running) mode=running ;;
  *) echo "usage: $0 [--running]" >&2; exit 2 ;;
esac

project=provisioning-status-smoke
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

log() { printf '[smoke-test] %s\n' "$*"; }
fail() { printf '[smoke-test] FAILED: %s\n' "$*" >&2; exit 1; }

# Waits, a bounded number of times, until a command succeeds.
wait_until() {
  local what=$1 attempts=$2
  shift 2
  for ((i = 1; i <= attempts; i++)); do
    if "$@"; then
      return 0
    fi
    sleep 2
  done
  fail "$what (gave up after $attempts checks)"
}

# The setting of a variable in an env file, if any.
setting() {
  sed -n "s/^$1=//p" "$2" | tail -n 1
}

env_file="$work/stack.env"
if [[ -f .env ]]; then
  cp .env "$env_file"
else
  cp .env.example "$env_file"
fi

if [[ $mode == full ]]; then
  # Throwaway secrets where none are set, and ports that leave a developer's own stack alone.
  for secret in PROVISIONING_GATEWAY_SECURITY_HMACSECRET TEMPORAL_DB_PASSWORD; do
    if [[ -z "$(setting "$secret" "$env_file")" && -z "${!secret:-}" ]]; then
      echo "$secret=$(openssl rand -hex 32)" >> "$env_file"
    fi
  done
  if [[ -z "$(setting PROVISIONING_WEBHOOKS_SECRETKEY "$env_file")" && -z "${PROVISIONING_WEBHOOKS_SECRETKEY:-}" ]]; then
    echo "PROVISIONING_WEBHOOKS_SECRETKEY=$(openssl rand -base64 32)" >> "$env_file"
  fi
  echo "GATEWAY_PORT=${SMOKE_GATEWAY_PORT:-18080}" >> "$env_file"
  echo "KAFKA_HOST_PORT=${SMOKE_KAFKA_PORT:-19092}" >> "$env_file"
  gateway_url=http://localhost:${SMOKE_GATEWAY_PORT:-18080}

  if docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
  else
    compose=(docker-compose)
  fi
  stack() { "${compose[@]}" --project-name "$project" --env-file "$env_file" -f docker-compose.yml "$@"; }
  tear_down() {
    local status=$?
    if [[ $status -ne 0 ]]; then
      stack ps || true
      stack logs --tail 80 gateway status-view provisioning-worker temporal-namespace kafka-topics || true
    fi
    if [[ "${KEEP_STACK:-}" == 1 ]]; then
      log "stack left running (compose project $project)"
    else
      stack down --volumes --remove-orphans || true
    fi
    rm -rf "$work"
  }
  trap tear_down EXIT

  if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    log "building the services' jars"
    mvn -B -q -DskipTests package
  fi
  log "starting the stack (compose project $project)"
  stack up -d --build
else
  gateway_url=${GATEWAY_URL:-http://localhost:8080}
fi

secret=${PROVISIONING_GATEWAY_SECURITY_HMACSECRET:-$(setting PROVISIONING_GATEWAY_SECURITY_HMACSECRET "$env_file")}
[[ -n "$secret" ]] || fail "PROVISIONING_GATEWAY_SECURITY_HMACSECRET is not set (in .env or the environment)"

# A platform-admin bearer token (HS256 over the gateway's key), valid for 15 minutes.
base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header=$(printf '{"alg":"HS256","typ":"JWT"}' | base64url)
claims=$(printf '{"sub":"smoke-test","roles":["platform-admin"],"exp":%d}' "$(($(date +%s) + 900))" | base64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -hmac "$secret" -binary | base64url)
token="$header.$claims.$signature"

log "waiting for the gateway at $gateway_url to be ready"
wait_until "gateway ready" 150 curl -fs -o /dev/null "$gateway_url/actuator/health/readiness"

application="smoke-$(openssl rand -hex 4)"
log "registering application $application (dev, stage, prod)"
created=$(curl -sS -o "$work/created.json" -w '%{http_code}' -X POST "$gateway_url/api/applications" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"applicationId\":\"$application\",\"name\":\"Smoke test\",\"workspaceId\":\"smoke-test\",\"workspaceName\":\"Smoke test\",\"environments\":[\"dev\",\"stage\",\"prod\"]}")
[[ $created == 201 ]] || fail "registration answered $created: $(cat "$work/created.json")"

# The application's own status comes before its environments' in the view.
provisioning_status() {
  curl -fs -o "$work/view.json" "$gateway_url/api/applications/$application/provisioning" \
    -H "Authorization: Bearer $token" || return 1
  local view
  view=$(cat "$work/view.json")
  view=${view%%\"environments\"*}
  sed -n 's/.*"status":"\([a-z_]*\)".*/\1/p' <<<"$view"
}
finished() {
  case "$(provisioning_status)" in
    completed) return 0 ;;
    partial | failed) fail "provisioning ended $(provisioning_status): $(cat "$work/view.json")" ;;
    *) return 1 ;;
  esac
}
log "waiting for $application to be provisioned"
wait_until "provisioning of $application completed" 90 finished
log "provisioning view: $(cat "$work/view.json")"
log "PASSED: $application registered and provisioned in every environment"
