import { describeKafkaConfig } from "@edm/kafka";
import { createLogger, runService } from "@edm/runtime";
import { loadConfig } from "./config";
import { startStream } from "./service";

const log = createLogger({ service: "edm-stream" });

await runService({
  name: "edm-stream",
  log,
  start: async () => {
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
      // A consumer that will not restart leaves the dashboards with nothing; stopping the process
      // lets the platform start a fresh one.
      onConsumerLost: (error) => {
        log.fatal({ err: error }, "The Kafka consumer stopped for good; shutting down so the dyno restarts");
        process.kill(process.pid, "SIGTERM");
      },
    });
  },
});
