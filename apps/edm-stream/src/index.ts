// What other code (cross-service tests, the deploy checks) may use of edm-stream.
export type { StreamConfig } from "./config";
export { loadConfig } from "./config";
export { instanceName, streamGroupId } from "./consumer-group";
export { createFrameClock } from "./frame-clock";
export type { RunningStream, StreamDeps } from "./service";
export { startStream } from "./service";
