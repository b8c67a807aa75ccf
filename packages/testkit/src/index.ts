export { createTestSchema, type TestSchema } from "./database";
export { eventually } from "./eventually";
export { createTestTopics, readTopic, testKafka } from "./kafka";
export { uniqueName } from "./unique-name";
