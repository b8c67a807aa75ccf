# shellcheck shell=bash
# Starting, stopping and inspecting the broker process. Sourced by kafka.sh.

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

# Prints the broker's pid when the pid file names a live Kafka started from this state directory.
running_pid() {
  [[ -f $PID_FILE ]] || return 1
  local pid
  pid=$(<"$PID_FILE")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # Guards against a recycled pid that now belongs to something else.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $KAFKA_STATE/server.properties" || return 1
  echo "$pid"
}

# True while the process exists and is not a zombie: a broker this very script launched stays a
# zombie child after it exits, and `kill -0` alone would wait on it forever.
process_alive() {
  local state
  state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [[ -n $state && $state != Z ]]
}

take_lock() {
  mkdir -p "$KAFKA_STATE"
  exec 9>"$KAFKA_STATE/.lock"
  # Two test runs starting at once must not both launch a broker.
  flock -w 180 9 || die "another kafka.sh has held $KAFKA_STATE/.lock for 3 minutes; is it stuck?"
}

format_storage_once() {
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    local formatted_by
    formatted_by=$(cat "$DATA_VERSION_FILE" 2>/dev/null || echo unknown)
    [[ $formatted_by == "$KAFKA_VERSION" ]] \
      || die "the data in $DATA_DIR was made by Kafka $formatted_by, but this is Kafka $KAFKA_VERSION." \
        "Run 'scripts/kafka/kafka.sh reset' to start with empty data."
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
  # 9>&-: it must not inherit the start lock, or it would hold it for its whole life.
  # shellcheck disable=SC2086,SC2016 # JVM_OPTS is a list of flags; $$, $0, $@ belong to the inner bash
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    "$(java_bin)" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError $JVM_OPTS \
    -Djava.awt.headless=true -Dkafka.logs.dir="$LOGS_DIR" \
    -Dlog4j2.configurationFile="$KAFKA_STATE/log4j2.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_STATE/server.properties" \
    </dev/null >"$LOGS_DIR/stdout.log" 2>&1 9>&- &
  local tries
  for ((tries = 0; tries < 50; tries++)); do
    [[ -s $PID_FILE ]] && return 0
    sleep 0.1
  done
  die "the broker process did not start (no pid file after 5 s); see $LOGS_DIR/stdout.log"
}

# Where this start's lines begin in server.log, so a failure shows them and not an older run's.
server_log_offset=0

# What the JVM itself printed (e.g. a bad flag) comes first, then the broker's own last words.
show_log_tails() {
  if [[ -s "$LOGS_DIR/stdout.log" ]]; then
    printf '\n--- last lines of %s ---\n' "$LOGS_DIR/stdout.log" >&2
    tail -n 30 "$LOGS_DIR/stdout.log" >&2
  fi
  if [[ -f "$LOGS_DIR/server.log" ]]; then
    printf '\n--- last lines of %s (this start) ---\n' "$LOGS_DIR/server.log" >&2
    tail -c "+$((server_log_offset + 1))" "$LOGS_DIR/server.log" | tail -n 30 >&2
  fi
  printf -- '---\n' >&2
}

# Waits until a client can really use the broker; dies with the log's tail if it crashes or hangs.
wait_until_ready() {
  local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
  until broker_ready; do
    if ! running_pid >/dev/null; then
      show_log_tails
      die "the broker died while starting (log tail above; full log: $LOGS_DIR/server.log)"
    fi
    if ((SECONDS >= deadline)); then
      show_log_tails
      stop_broker
      die "the broker was not ready after ${START_TIMEOUT_SECONDS} s, so it was stopped (log tail above)"
    fi
    sleep 0.3
  done
}

start_broker() {
  local started=$EPOCHREALTIME pid
  require_java
  is_installed || install_kafka
  take_lock
  if pid=$(running_pid); then
    ensure_certificates
    write_client_files
    wait_until_ready
    say "already running (pid $pid): plaintext 127.0.0.1:$PLAINTEXT_PORT, mutual TLS 127.0.0.1:$TLS_PORT"
    return 0
  fi
  rm -f "$PID_FILE"
  require_port_free plaintext "$PLAINTEXT_PORT"
  require_port_free "mutual TLS" "$TLS_PORT"
  require_port_free controller "$CONTROLLER_PORT"

  mkdir -p "$LOGS_DIR"
  ensure_certificates
  write_server_properties
  write_log4j_config
  format_storage_once
  say "starting Kafka $KAFKA_VERSION (log: $LOGS_DIR/server.log)"
  server_log_offset=$(stat -c %s "$LOGS_DIR/server.log" 2>/dev/null || echo 0)
  launch_broker
  wait_until_ready
  write_client_files
  say "ready in $(elapsed_since "$started") (pid $(running_pid)): plaintext kafka://127.0.0.1:$PLAINTEXT_PORT," \
    "mutual TLS kafka+ssl://127.0.0.1:$TLS_PORT; env files: $KAFKA_STATE/{plaintext,heroku}.env"
}

stop_broker() {
  local pid started=$EPOCHREALTIME
  if ! pid=$(running_pid); then
    rm -f "$PID_FILE"
    say "not running"
    return 0
  fi
  say "stopping the broker (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT_SECONDS))
  while process_alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
  if process_alive "$pid"; then
    say "still running after ${STOP_TIMEOUT_SECONDS} s; killing it (its data is safe: Kafka recovers its log on start)"
    kill -KILL "$pid" 2>/dev/null || true
    while process_alive "$pid"; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  say "stopped in $(elapsed_since "$started")"
}

broker_status() {
  local pid
  if ! pid=$(running_pid); then
    echo "Kafka: not running (state: $KAFKA_STATE)"
    return 1
  fi
  local answering="answering" count
  count=$(live_broker_count) && ((count >= 1)) || answering="but NOT answering metadata requests"
  cat <<EOF
Kafka: running, $answering
  pid         $pid (up $(ps -o etime= -p "$pid" | tr -d ' '))
  version     $(cat "$DATA_VERSION_FILE" 2>/dev/null || echo "$KAFKA_VERSION")
  plaintext   kafka://127.0.0.1:$PLAINTEXT_PORT
  mutual TLS  kafka+ssl://127.0.0.1:$TLS_PORT
  controller  127.0.0.1:$CONTROLLER_PORT
  state       $KAFKA_STATE
  log         $LOGS_DIR/server.log
EOF
}

show_logs() {
  local follow=() lines=100
  for arg in "$@"; do
    case $arg in
      -f) follow=(-F) ;;
      *[!0-9]* | "") die "logs takes [-f] [number of lines], not '$arg'" ;;
      *) lines=$arg ;;
    esac
  done
  [[ -f "$LOGS_DIR/server.log" ]] || die "no broker log yet ($LOGS_DIR/server.log); has it ever been started?"
  tail -n "$lines" "${follow[@]}" "$LOGS_DIR/server.log"
}

print_env_files() {
  mkdir -p "$KAFKA_STATE"
  ensure_certificates
  write_client_files
  printf '%s\n' "$KAFKA_STATE/plaintext.env" "$KAFKA_STATE/heroku.env" "$KAFKA_STATE/connection.json"
}

reset_broker() {
  take_lock
  stop_broker
  rm -rf "$DATA_DIR" "$LOGS_DIR" "$DATA_VERSION_FILE"
  say "deleted the broker's data and logs in $KAFKA_STATE (certificates kept)"
}
