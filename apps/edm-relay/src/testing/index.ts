// edm-relay's test helpers, for cross-service tests (`edm-relay/testing`).
export { type Answer, postJson, type RelayFixture, startTestRelay } from "./relay-fixture";
