import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { LocalKafkaSettings } from "./settings";

/**
 * The files the broker reads: server.properties and its log4j2 config. Rewritten on every start, so a
 * changed port takes effect without losing data.
 */
export async function writeBrokerFiles(settings: LocalKafkaSettings): Promise<void> {
  const file = join(settings.stateDir, "server.properties");
  await writeFile(`${file}.tmp`, serverProperties(settings));
  await rename(`${file}.tmp`, file);
  await writeFile(join(settings.stateDir, "log4j2.properties"), log4jConfig(settings.logsDir));
}

function serverProperties({ ports, certsDir, dataDir }: LocalKafkaSettings): string {
  return `# Written by scripts/kafka (pnpm kafka start); edits are lost on the next start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${ports.controller}
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:${ports.plaintext},SSL://127.0.0.1:${ports.tls},CONTROLLER://127.0.0.1:${ports.controller}
advertised.listeners=PLAINTEXT://127.0.0.1:${ports.plaintext},SSL://127.0.0.1:${ports.tls}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SSL:SSL,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=${dataDir}

# Mutual TLS like Heroku's: clients must present a certificate signed by ca.pem.
ssl.client.auth=required
ssl.keystore.type=PEM
ssl.keystore.location=${certsDir}/broker-keystore.pem
ssl.truststore.type=PEM
ssl.truststore.location=${certsDir}/ca.pem
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
`;
}

function log4jConfig(logsDir: string): string {
  return `# Written by scripts/kafka. The broker logs to a file so it never writes to a terminal it outlived.
status = warn
appender.file.type = RollingFile
appender.file.name = FILE
appender.file.fileName = ${logsDir}/server.log
appender.file.filePattern = ${logsDir}/server.log.%i
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
`;
}
