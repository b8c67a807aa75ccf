# shellcheck shell=bash
# Files the broker and its clients read: server.properties, the log4j2 config, and the env files /
# connection.json that tests and apps load. Sourced by kafka.sh; rewritten on every start, so a
# changed port takes effect without losing data. Client files are replaced whole (write, then
# rename) because a test run may read them while another start rewrites them.

write_server_properties() {
  cat >"$KAFKA_STATE/server.properties.tmp" <<EOF
# Written by scripts/kafka/kafka.sh; edits are lost on the next start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$PLAINTEXT_PORT,SSL://127.0.0.1:$TLS_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PLAINTEXT_PORT,SSL://127.0.0.1:$TLS_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SSL:SSL,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA_DIR

# Mutual TLS like Heroku's: clients must present a certificate signed by ca.pem.
ssl.client.auth=required
ssl.keystore.type=PEM
ssl.keystore.location=$CERTS_DIR/broker-keystore.pem
ssl.truststore.type=PEM
ssl.truststore.location=$CERTS_DIR/ca.pem
ssl.endpoint.identification.algorithm=

# Topics are created on purpose (as on Heroku), never by a typo in a producer.
auto.create.topics.enable=false
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# Fewer internal partitions: the first group join and the first transaction each create one of
# these topics, and 50 partitions (the default) take seconds to load on 2 cores.
transaction.state.log.num.partitions=5
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Tests join groups constantly; waiting 3 s for more members would only slow them down.
group.initial.rebalance.delay.ms=0
log.retention.hours=24
EOF
  mv "$KAFKA_STATE/server.properties.tmp" "$KAFKA_STATE/server.properties"
}

write_log4j_config() {
  cat >"$KAFKA_STATE/log4j2.properties" <<EOF
# Written by scripts/kafka/kafka.sh. The broker logs to a file so it never writes to a terminal it outlived.
status = warn
appender.file.type = RollingFile
appender.file.name = FILE
appender.file.fileName = $LOGS_DIR/server.log
appender.file.filePattern = $LOGS_DIR/server.log.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 20MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
# Every client connection and group join is logged at INFO; that drowns the lines that matter.
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.state.name = state.change.logger
logger.state.level = WARN
EOF
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

# Single quotes keep a multi-line PEM intact for `set -a; . heroku.env`; PEM never holds a quote.
env_line() { printf "%s='%s'\n" "$1" "$2"; }

json_string() {
  local value=${1//\\/\\\\}
  printf '"%s"' "${value//\"/\\\"}"
}

write_client_files() {
  local plaintext_url="kafka://127.0.0.1:$PLAINTEXT_PORT" tls_url="kafka+ssl://127.0.0.1:$TLS_PORT"
  env_line KAFKA_URL "$plaintext_url" >"$KAFKA_STATE/plaintext.env.tmp"
  mv "$KAFKA_STATE/plaintext.env.tmp" "$KAFKA_STATE/plaintext.env"
  (
    umask 077 # it carries the client's private key
    {
      echo "# Shaped like the config vars Heroku sets for an Apache Kafka on Heroku add-on."
      env_line KAFKA_URL "$tls_url"
      env_line KAFKA_TRUSTED_CERT "$(cat "$CERTS_DIR/ca.pem")"
      env_line KAFKA_CLIENT_CERT "$(cat "$CERTS_DIR/client.pem")"
      env_line KAFKA_CLIENT_CERT_KEY "$(cat "$CERTS_DIR/client-key.pem")"
      env_line KAFKA_PREFIX "$TOPIC_PREFIX"
    } >"$KAFKA_STATE/heroku.env.tmp"
  )
  mv "$KAFKA_STATE/heroku.env.tmp" "$KAFKA_STATE/heroku.env"
  cat >"$KAFKA_STATE/connection.json.tmp" <<EOF
{
  "plaintextUrl": $(json_string "$plaintext_url"),
  "tlsUrl": $(json_string "$tls_url"),
  "certsDir": $(json_string "$CERTS_DIR"),
  "prefix": $(json_string "$TOPIC_PREFIX")
}
EOF
  mv "$KAFKA_STATE/connection.json.tmp" "$KAFKA_STATE/connection.json"
}
