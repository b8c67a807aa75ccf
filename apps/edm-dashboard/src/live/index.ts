// The dashboard's live connection, for cross-service tests (`edm-dashboard/live`).
export type { ConnectionState } from "../logic/dashboard-view";
export { connectStream, type StreamHandlers } from "./stream-connection";
