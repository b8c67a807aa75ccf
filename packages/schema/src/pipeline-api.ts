import { z } from "zod";

// GET /api/pipeline on edm-stats: how the whole pipeline is doing, for the dashboard's health panel and
// for people with curl. Shared by edm-stats (which sends it) and edm-dashboard (which reads it).

export const PIPELINE_API_PATH = "/api/pipeline";

const count = z.number().int().nonnegative();

/** One consumer group, from the broker's committed offsets and high watermarks. */
export const PipelineGroupSchema = z.object({
  group: z.string(),
  /** The broker's state: Stable, Empty (no member: the service is stopped), PreparingRebalance, … */
  state: z.string(),
  members: count,
  /** Records on the event topics the group has not handled yet. */
  lag: count,
  partitions: z.array(z.object({ topic: z.string(), partition: count, lag: count })),
});

/** One service's /readyz, asked by edm-stats; `ready: null` when its URL is not configured. */
export const PipelineServiceSchema = z.object({
  name: z.string(),
  ready: z.boolean().nullable(),
  /** Why it is not ready, or that it is not configured: a sentence. */
  detail: z.string().optional(),
});

export const PipelineHealthSchema = z.object({
  /** When this was measured (ISO 8601). */
  at: z.iso.datetime(),
  /** Null when Kafka answered; else why its figures are missing. */
  kafkaProblem: z.string().nullable(),
  groups: z.array(PipelineGroupSchema),
  eventsPerSecond: z.object({
    /** Records written to the event topics per second; null until two measurements exist. */
    written: z.number().nonnegative().nullable(),
    /** Records the edm-stats group committed (counted) per second; null until two measurements exist. */
    counted: z.number().nonnegative().nullable(),
  }),
  /** Records on the dead-letter topic since it was created (null when Kafka did not answer). */
  deadLetters: count.nullable(),
  services: z.array(PipelineServiceSchema),
});

export type PipelineGroup = z.output<typeof PipelineGroupSchema>;
export type PipelineService = z.output<typeof PipelineServiceSchema>;
export type PipelineHealth = z.output<typeof PipelineHealthSchema>;
