import { Cause, Effect, Exit } from 'effect'

/**
 * Settles a finished Effect run for Promise callers: the value, or a rejection with the program's own
 * tagged error (never Effect's `FiberFailure` wrapper), so `error._tag` and `instanceof` work.
 */
export const settle = <A, E>(exit: Exit.Exit<A, E>): A => {
  if (Exit.isSuccess(exit)) return exit.value
  throw Cause.squash(exit.cause)
}

/** Runs an Effect that needs no services and settles it as above. */
export const runToPromise = async <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  settle(await Effect.runPromiseExit(effect))
