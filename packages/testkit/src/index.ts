export { createTestSchema, type TestSchema } from "./database";
export { eventually } from "./eventually";
export { createTestTopics, readTopic, testKafka } from "./kafka";
export { type PrivatePostgres, startPrivatePostgres } from "./private-postgres";
export { uniqueName } from "./unique-name";
