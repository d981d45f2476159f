/**
 * Seeded traffic for the discrete-event simulator: how the called numbers behave. Each placed call's
 * fate is drawn when it is placed, from the run's seed and the call's position, so two pacers run on
 * the same seed meet the same people in the same order (their nth calls have the same fate).
 */
export interface SimulatedTraffic {
  /** The share of calls answered at all, by a person or a machine. */
  readonly answerRate: number
  /** Of the answered calls, the share answered by a machine. */
  readonly machineShare: number
  /** Time from placing to answer, uniform between the two. */
  readonly ringToAnswerMs: { readonly min: number; readonly max: number }
  /** A person's talk time, lognormal with this mean and shape. */
  readonly talkMs: { readonly mean: number; readonly sigma: number }
  readonly wrapUpMs: number
  /** Answering-machine detection: its delay after answer, and its two errors. */
  readonly detection: {
    readonly delayMs: number
    /** The share of people the detection calls machines (hung up on: lost, never counted live). */
    readonly personAsMachine: number
    /** The share of machines it calls people (given an agent, who hangs up after `machineTalkMs`). */
    readonly machineAsPerson: number
  }
  readonly machineTalkMs: number
}

/**
 * The traffic the pacing benchmark uses (issue 12): 30 % answered, ring-to-answer 5 to 25 s, talk
 * lognormal with a 180 s mean, 30 s wrap-up; no machines. Sigma 0.8 (a spread about as wide as the
 * mean, as contact-centre talk times usually have) is this project's choice: the issue gives none.
 */
export const standardTraffic: SimulatedTraffic = {
  answerRate: 0.3,
  machineShare: 0,
  ringToAnswerMs: { min: 5_000, max: 25_000 },
  talkMs: { mean: 180_000, sigma: 0.8 },
  wrapUpMs: 30_000,
  detection: { delayMs: 0, personAsMachine: 0, machineAsPerson: 0 },
  machineTalkMs: 10_000,
}

export interface CallFate {
  /** When it is answered (ms after placing), or null if it rings out. */
  readonly answersAfterMs: number | null
  readonly machine: boolean
  /** What the machine detection will say once it is answered. */
  readonly detectedAsMachine: boolean
  /** How long an agent stays on it if connected. */
  readonly talkMs: number
}

/** Six uniforms per call whatever happens, so the nth call's fate does not depend on earlier ones. */
export const drawFate = (random: () => number, traffic: SimulatedTraffic): CallFate => {
  const [answer, machineDraw, ring, detect, normal1, normal2] = [
    random(),
    random(),
    random(),
    random(),
    random(),
    random(),
  ]
  const answered = answer < traffic.answerRate
  const machine = answered && machineDraw < traffic.machineShare
  const { min, max } = traffic.ringToAnswerMs
  const normal = Math.sqrt(-2 * Math.log(1 - normal1)) * Math.cos(2 * Math.PI * normal2)
  return {
    answersAfterMs: answered ? min + ring * (max - min) : null,
    machine,
    detectedAsMachine: machine
      ? detect >= traffic.detection.machineAsPerson
      : detect < traffic.detection.personAsMachine,
    talkMs: machine
      ? traffic.machineTalkMs
      : Math.exp(
          Math.log(traffic.talkMs.mean) -
            (traffic.talkMs.sigma * traffic.talkMs.sigma) / 2 +
            traffic.talkMs.sigma * normal,
        ),
  }
}
