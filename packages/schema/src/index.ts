export type { ClickEvent, EdmEvent, PageloadEvent } from "./event";
export { randomUUID, withEventId } from "./event-id";
export type {
  DecodedEventRecord,
  EncodedEventRecord,
  IdentifiedEvent,
  RecordToDecode,
} from "./event-record";
export {
  decodeEventRecord,
  EVENT_ID_HEADER,
  encodeEventRecord,
  MAX_REASON_LENGTH,
  occurredAt,
  topicFor,
} from "./event-record";
export { ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE } from "./examples";
export type { FieldError } from "./field-errors";
export { formatPath } from "./field-errors";
export type {
  FunnelConversion,
  FunnelCounts,
  FunnelHour,
  FunnelQuery,
  FunnelResponse,
} from "./funnel-api";
export {
  DEFAULT_FUNNEL_HOURS,
  FUNNEL_API_PATH,
  FunnelConversionSchema,
  FunnelCountsSchema,
  FunnelHourSchema,
  FunnelQuerySchema,
  FunnelResponseSchema,
  MAX_FUNNEL_HOURS,
} from "./funnel-api";
export type { FunnelStep } from "./funnel-step";
export { FUNNEL_STEPS, funnelDepth, funnelStepOf } from "./funnel-step";
export {
  MAX_BATCH_EVENTS,
  MAX_BUTTON_ID_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_EXTRA_PROPERTY_LENGTH,
  MAX_FIELD_ERRORS,
  MAX_FUTURE_SKEW_MS,
  MAX_PAGE_LENGTH,
  MAX_PROPERTIES,
  MAX_PROPERTY_NAME_LENGTH,
  MAX_SESSION_ID_LENGTH,
  MAX_URL_LENGTH,
  MAX_USER_AGENT_LENGTH,
  MIN_EVENT_TIMESTAMP_MS,
} from "./limits";
export { pageOf } from "./page";
export type { BatchParseResult, ParseOptions, ParseResult } from "./parse";
export { parseEvent, parseEventBatch } from "./parse";
export type { PipelineGroup, PipelineHealth, PipelineService } from "./pipeline-api";
export {
  PIPELINE_API_PATH,
  PipelineGroupSchema,
  PipelineHealthSchema,
  PipelineServiceSchema,
} from "./pipeline-api";
export type { ShopProduct } from "./shop-catalog";
export { SHOP_PRODUCTS } from "./shop-catalog";
export type { ClientToServerEvents, ServerToClientEvents, StreamAuth } from "./socket-events";
export { SOCKET_EVENT, SOCKET_FRAME, STREAM_AUTH_FRAMES } from "./socket-events";
export type {
  ClickCount,
  ClickCountsResponse,
  ClickHistoryDay,
  ClickHistoryResponse,
  MinuteCounts,
  PageloadCount,
  PageloadCountsResponse,
  StatsSummary,
} from "./stats-api";
export {
  ClickCountSchema,
  ClickCountsResponseSchema,
  ClickHistoryDaySchema,
  ClickHistoryResponseSchema,
  MinuteCountsSchema,
  PageloadCountSchema,
  PageloadCountsResponseSchema,
  STATS_API_PATHS,
  StatsSummarySchema,
  SUMMARY_MINUTES,
} from "./stats-api";
export type { TextKind } from "./text";
export { textProblem } from "./text";
export type { Topic } from "./topics";
export { ALL_TOPICS, DEAD_LETTER_TOPIC, EVENT_TOPICS, isTopic, TOPICS } from "./topics";
