// edm-stream's test helpers, for cross-service tests (`edm-stream/testing`).
export { connectV4, type TestDashboard } from "./dashboards";
export { createTestBed, startTestStream, type TestBed } from "./stream-harness";
