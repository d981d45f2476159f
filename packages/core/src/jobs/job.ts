import type { Effect } from 'effect'
import { Schema } from 'effect'

/**
 * What a job run did, as counts and ids only: it is kept with the run (in the job engine's table) and
 * shown on health pages, so it never holds personal data.
 */
export const JobSummary = Schema.Record({
  key: Schema.String,
  value: Schema.Union(Schema.Number, Schema.String, Schema.Boolean, Schema.Array(Schema.String), Schema.Null),
})
export type JobSummary = typeof JobSummary.Type

/** A piece of background work: its name, when it runs, and the program that does it. */
export interface JobDefinition<Name extends string = string, E = unknown, R = never> {
  /** Unique and stable: the job engine keys schedules and runs by it. */
  readonly name: Name
  /** Five-field cron, UTC. */
  readonly cron: string
  readonly description: string
  /** Safe to run on several instances at once: each program takes its own lease or claims its work. */
  readonly program: Effect.Effect<JobSummary, E, R>
}

export const defineJob = <const Name extends string, E, R>(job: JobDefinition<Name, E, R>) => job
