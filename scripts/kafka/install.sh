# shellcheck shell=bash
# Fetches the jars of the pinned Apache Kafka release from Maven Central, once, into the cache.
# Sourced by kafka.sh (which sets KAFKA_VERSION, KAFKA_HOME, KAFKA_LIBS, SCRIPT_DIR, say, die).
# Maven is used instead of downloading the release tarball because Maven Central is the one
# Java registry every machine of this project can reach.

installed_marker() { printf '%s/.installed' "$KAFKA_HOME"; }

is_installed() { [[ -f "$(installed_marker)" && -d "$KAFKA_LIBS" ]]; }

install_kafka() {
  if is_installed; then
    say "Kafka $KAFKA_VERSION is already installed in $KAFKA_LIBS"
    return 0
  fi
  command -v mvn >/dev/null \
    || die "install failed: Maven (mvn) is not installed; it fetches Kafka's jars. Install it (apt-get install maven) and run this again."

  mkdir -p "$KAFKA_HOME"
  # Two checkouts (or two test runs) may install at once; the second waits, then finds it done.
  exec 8>"$KAFKA_HOME/.install.lock"
  flock -w 600 8 || die "install failed: another install has held $KAFKA_HOME/.install.lock for 10 minutes"
  if is_installed; then
    exec 8>&-
    say "Kafka $KAFKA_VERSION was installed meanwhile by another run"
    return 0
  fi
  local staging="$KAFKA_HOME/libs.partial" log="$KAFKA_HOME/install.log" started=$EPOCHREALTIME
  rm -rf "$staging"
  say "installing Kafka $KAFKA_VERSION jars from Maven Central into $KAFKA_LIBS"
  # -U: retry what an earlier failed attempt left marked as missing in ~/.m2.
  if ! mvn -B -q -U -Dstyle.color=never -f "$SCRIPT_DIR/pom.xml" \
    dependency:copy-dependencies \
    -Dkafka.version="$KAFKA_VERSION" \
    -DincludeScope=runtime \
    -DoutputDirectory="$staging" >"$log" 2>&1; then
    # Maven's first error line names the cause (e.g. "kafka_2.13:jar:X was not found").
    sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -m 1 'ERROR' >&2 || tail -n 20 "$log" >&2
    rm -rf "$staging"
    die "install failed: Maven could not fetch Kafka $KAFKA_VERSION (full output: $log). Is Maven Central reachable?"
  fi
  # The broker's main class lives here; without it the copy is not a usable Kafka.
  [[ -f "$staging/kafka_2.13-$KAFKA_VERSION.jar" ]] \
    || die "install failed: Maven finished but kafka_2.13-$KAFKA_VERSION.jar is missing from $staging"

  rm -rf "$KAFKA_LIBS"
  mv "$staging" "$KAFKA_LIBS"
  printf 'kafka %s installed %s\n' "$KAFKA_VERSION" "$(date -u +%FT%TZ)" >"$(installed_marker)"
  exec 8>&-
  say "installed Kafka $KAFKA_VERSION ($(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars) in $(elapsed_since "$started")"
}
