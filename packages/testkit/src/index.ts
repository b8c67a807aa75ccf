export {
  type ConsumerTestBed,
  type ConsumerTestBedOptions,
  createConsumerTestBed,
} from "./consumer-test-bed";
export { createTestSchema, type TestSchema } from "./database";
export { eventually } from "./eventually";
export { freePort, freePorts } from "./free-port";
export { createTestTopics, readTopic, testKafka } from "./kafka";
export { parseMetrics, type Sample, samplesOf, scrapeMetrics, sumOf } from "./metrics";
export { createPrivateBroker, type PrivateBroker } from "./private-broker";
export { type PrivatePostgres, startPrivatePostgres } from "./private-postgres";
export { asRecord, produceEvents } from "./produce-events";
export { uniqueName } from "./unique-name";
