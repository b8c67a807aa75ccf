# shellcheck shell=bash
# Formatting the broker's storage and launching its JVM. Sourced by kafka.sh; the rest of a start (config
# files, ports, readiness, stop) is scripts/kafka/local-kafka.ts.

java_bin() { printf '%s' "${JAVA_HOME:+$JAVA_HOME/bin/}java"; }

require_java() {
  local java version major
  java=$(java_bin)
  command -v "$java" >/dev/null \
    || die "Java is not installed (looked for '$java'); Kafka $KAFKA_VERSION needs Java 17 or newer (apt-get install openjdk-17-jre-headless)."
  version=$("$java" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')
  major=${version%%.*}
  [[ $major == 1 ]] && major=$(cut -d. -f2 <<<"$version") # "1.8.0_392" means Java 8
  [[ $major =~ ^[0-9]+$ ]] || die "could not tell which Java '$java' is (it said: $("$java" -version 2>&1 | head -n 1))"
  ((major >= 17)) || die "Java $version is too old: Kafka $KAFKA_VERSION needs Java 17 or newer (set JAVA_HOME to one)."
}

# For one-shot tools such as `kafka-storage format`: warnings only, to stdout, so they never mix
# into the broker's server.log.
write_tools_log4j_config() {
  cat >"$KAFKA_STATE/log4j2-tools.properties" <<EOF
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.console.ref = STDOUT
EOF
}

format_storage_once() {
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    local formatted_by
    formatted_by=$(cat "$DATA_VERSION_FILE" 2>/dev/null || echo unknown)
    [[ $formatted_by == "$KAFKA_VERSION" ]] \
      || die "the data in $DATA_DIR was made by Kafka $formatted_by, but this is Kafka $KAFKA_VERSION." \
        "Run 'pnpm kafka reset' to start with empty data."
    return 0
  fi
  local cluster_id
  # A Kafka cluster id is 16 random bytes in URL-safe base64 without padding; it must not start with '-'.
  cluster_id="A$(openssl rand -base64 16 | tr '+/' '-_' | tr -d '=\n' | cut -c2-)"
  say "formatting KRaft storage in $DATA_DIR (cluster id $cluster_id)"
  mkdir -p "$DATA_DIR"
  write_tools_log4j_config
  "$(java_bin)" -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$KAFKA_STATE/log4j2-tools.properties" \
    kafka.tools.StorageTool format --cluster-id "$cluster_id" --config "$KAFKA_STATE/server.properties" \
    >"$LOGS_DIR/format.log" 2>&1 || {
    cat "$LOGS_DIR/format.log" >&2
    rm -rf "$DATA_DIR"
    die "kafka-storage format failed (output above, also in $LOGS_DIR/format.log)"
  }
  echo "$KAFKA_VERSION" >"$DATA_VERSION_FILE"
}

launch_broker() {
  # setsid: the broker outlives the shell (and a Ctrl-C in it) that started it.
  # shellcheck disable=SC2086,SC2016 # JVM_OPTS is a list of flags; $$, $0, $@ belong to the inner bash
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    "$(java_bin)" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError $JVM_OPTS \
    -Djava.awt.headless=true -Dkafka.logs.dir="$LOGS_DIR" \
    -Dlog4j2.configurationFile="$KAFKA_STATE/log4j2.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_STATE/server.properties" \
    </dev/null >"$LOGS_DIR/stdout.log" 2>&1 &
  local tries
  for ((tries = 0; tries < 50; tries++)); do
    [[ -s $PID_FILE ]] && return 0
    sleep 0.1
  done
  die "the broker process did not start (no pid file after 5 s); see $LOGS_DIR/stdout.log"
}

# Launches the broker on the server.properties that local-kafka.ts wrote, and returns once it has a pid;
# local-kafka.ts then asks it, through a Kafka client, until it answers.
launch_command() {
  require_java
  is_installed || install_kafka
  [[ -f "$KAFKA_STATE/server.properties" ]] || die "no $KAFKA_STATE/server.properties: start the broker with 'pnpm kafka start'"
  mkdir -p "$LOGS_DIR"
  format_storage_once
  launch_broker
}
