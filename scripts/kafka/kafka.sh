#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The project's own Apache Kafka broker, without Docker: one KRaft node (broker + controller) on
# 127.0.0.1 with a plaintext listener and a mutual-TLS listener shaped like Apache Kafka on Heroku.
# Run with no arguments for usage.
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
readonly PLAINTEXT_PORT="${EDM_KAFKA_PORT:-29092}"
readonly TLS_PORT="${EDM_KAFKA_TLS_PORT:-29093}"
readonly CONTROLLER_PORT="${EDM_KAFKA_CONTROLLER_PORT:-29094}"
readonly TOPIC_PREFIX="${EDM_KAFKA_PREFIX:-edm-local.}"
readonly START_TIMEOUT_SECONDS="${EDM_KAFKA_START_TIMEOUT:-90}"
readonly STOP_TIMEOUT_SECONDS=20
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
# shellcheck source=config.sh
source "$SCRIPT_DIR/config.sh"
# shellcheck source=probe.sh
source "$SCRIPT_DIR/probe.sh"
# shellcheck source=broker.sh
source "$SCRIPT_DIR/broker.sh"

usage() {
  cat <<EOF
Usage: scripts/kafka/kafka.sh <command>

Runs a local Apache Kafka $KAFKA_VERSION broker (KRaft, one node) for development and tests.

Commands:
  install      fetch Kafka's jars from Maven Central into $KAFKA_LIBS (once)
  start        install if needed, make certificates, start the broker in the background, wait until ready
  stop         stop the broker (SIGTERM, then SIGKILL after ${STOP_TIMEOUT_SECONDS} s)
  status       say whether it runs (exit 0) or not (exit 1), with pid, version and ports
  logs [-f] [N] show the last N lines (default 100) of the broker log; -f follows it
  certs        make the TLS certificates only (for a broker run elsewhere, e.g. in a container)
  env          print the paths of the env files and connection.json (writing them if missing)
  reset        stop the broker and delete its data and logs (certificates are kept)

Listeners (all on 127.0.0.1):
  plaintext   $PLAINTEXT_PORT   EDM_KAFKA_PORT
  mutual TLS  $TLS_PORT   EDM_KAFKA_TLS_PORT
  controller  $CONTROLLER_PORT   EDM_KAFKA_CONTROLLER_PORT

State (certs, data, logs, env files): $KAFKA_STATE   (EDM_STATE_DIR/kafka)
Other settings: EDM_CACHE_DIR, EDM_KAFKA_PREFIX ($TOPIC_PREFIX), EDM_KAFKA_START_TIMEOUT ($START_TIMEOUT_SECONDS s),
EDM_KAFKA_JVM_OPTS ($JVM_OPTS), JAVA_HOME.
EOF
}

main() {
  local command=${1:-}
  shift || true
  case $command in
    install) install_kafka ;;
    start) start_broker ;;
    stop) stop_broker ;;
    status) broker_status ;;
    certs) print_certificates ;;
    logs) show_logs "$@" ;;
    env) print_env_files ;;
    reset) reset_broker ;;
    "" | -h | --help | help) usage ;;
    *)
      usage >&2
      die "unknown command '$command'"
      ;;
  esac
}

main "$@"
