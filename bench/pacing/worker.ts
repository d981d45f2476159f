/** A worker of `pnpm bench:pacing`: simulates the days it is given and posts their results back. */
import { parentPort, workerData } from 'node:worker_threads'
import { type Mode, simulateDay } from './scenario.ts'

interface Job {
  readonly mode: Mode
  readonly agents: number
  readonly seed: number
  readonly targetRate?: number
}

// A frontier job aims at `targetRate`: the predictive pacer's target, the baseline's drop limit.
const jobs = workerData as ReadonlyArray<Job>
parentPort?.postMessage(
  jobs.map((job) => ({
    ...job,
    result: simulateDay(job.mode, job.agents, job.seed, job.targetRate, job.targetRate),
  })),
)
