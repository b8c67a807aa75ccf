import { describeKafkaConfig } from "@edm/kafka";
import { createLogger, runService } from "@edm/runtime";
import { startTracing } from "@edm/tracing";
import { loadConfig } from "./config";
import { startStream } from "./service";

// First: spans go to OTEL_EXPORTER_OTLP_ENDPOINT when it is set; without it tracing is a no-op.
const tracing = startTracing({ service: "edm-stream" });
const log = createLogger({ service: "edm-stream" });

await runService({
  name: "edm-stream",
  log,
  tracing,
  start: async ({ fail }) => {
    const config = loadConfig();
    log.info(
      {
        port: config.port,
        kafka: describeKafkaConfig(config.kafka),
        groupId: config.groupId,
        corsOrigins: config.corsOrigins,
        clientMaxQueuedEvents: config.clientMaxQueuedEvents,
        clientStallTimeoutMs: config.clientStallTimeoutMs,
        maxDashboards: config.maxDashboards,
      },
      "edm-stream starting",
    );
    return startStream(config, {
      log,
      // A consumer that will not restart leaves the dashboards with nothing; the platform starts a fresh one.
      onConsumerLost: (error) => fail(error, "the Kafka consumer stopped for good"),
    });
  },
});
