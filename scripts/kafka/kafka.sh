#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The bash half of the project's own Apache Kafka broker: what must be bash (fetching the jars with Maven,
# making the certificates with openssl, formatting the storage and launching the JVM). Starting, waiting
# until ready, stopping and the status are scripts/kafka/local-kafka.ts: run `pnpm kafka` for usage.
set -euo pipefail

# Pinned: the newest Kafka release that kafkajs 2.2.4 was checked against (see README).
readonly KAFKA_VERSION="${EDM_KAFKA_VERSION:-4.4.0}"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
readonly SCRIPT_DIR REPO_ROOT
readonly KAFKA_HOME="${EDM_CACHE_DIR:-$HOME/.cache/edm}/kafka-$KAFKA_VERSION"
readonly KAFKA_LIBS="$KAFKA_HOME/libs"
readonly KAFKA_STATE="${EDM_STATE_DIR:-$REPO_ROOT/.local}/kafka"
readonly CERTS_DIR="$KAFKA_STATE/certs" DATA_DIR="$KAFKA_STATE/data" LOGS_DIR="$KAFKA_STATE/logs"
readonly PID_FILE="$KAFKA_STATE/broker.pid" DATA_VERSION_FILE="$KAFKA_STATE/data-version"
# C1-only JIT starts the broker in ~3 s instead of ~7 s on 2 cores; kafkajs clients, not the
# broker, bound throughput here, so nothing measurable is lost.
readonly JVM_OPTS="${EDM_KAFKA_JVM_OPTS:--Xms256m -Xmx512m -XX:TieredStopAtLevel=1}"

say() { printf '[edm kafka] %s\n' "$*" >&2; }
die() {
  printf '[edm kafka] error: %s\n' "$*" >&2
  exit 1
}
elapsed_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f s", b - a }'; }

# shellcheck source=install.sh
source "$SCRIPT_DIR/install.sh"
# shellcheck source=certs.sh
source "$SCRIPT_DIR/certs.sh"
# shellcheck source=broker.sh
source "$SCRIPT_DIR/broker.sh"

usage() {
  cat <<EOF
Usage: scripts/kafka/kafka.sh <command>

The bash half of the local Apache Kafka $KAFKA_VERSION broker; people and code use \`pnpm kafka\` (local-kafka.ts).

Commands:
  install      fetch Kafka's jars from Maven Central into $KAFKA_LIBS (once)
  certs        make the TLS certificates (once) and print their directory
  launch       format the storage (once) and launch the JVM in the background on the server.properties
               that local-kafka.ts wrote; returns once it has a pid, not when it is ready

State: $KAFKA_STATE   (EDM_STATE_DIR/kafka). Other settings: EDM_CACHE_DIR, EDM_KAFKA_JVM_OPTS ($JVM_OPTS),
JAVA_HOME.
EOF
}

main() {
  local command=${1:-}
  case $command in
    install) install_kafka ;;
    certs) print_certificates ;;
    launch) launch_command ;;
    "" | -h | --help | help) usage ;;
    *)
      usage >&2
      die "unknown command '$command'"
      ;;
  esac
}

main "$@"
