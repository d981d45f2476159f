import { Cause, Effect as E, type Effect, Exit } from 'effect'

/** Runs an adapter's Effect for plain async code, rejecting with the tagged error itself. */
export const run = async <A, Err>(effect: Effect.Effect<A, Err>): Promise<A> => {
  const exit = await E.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) return exit.value
  throw Cause.squash(exit.cause)
}
