import { Schema } from 'effect'

/** A queue that cannot be saved as given; `field` names what was wrong. Nothing was written. */
export class InvalidRoutingQueue extends Schema.TaggedError<InvalidRoutingQueue>()('InvalidRoutingQueue', {
  field: Schema.String,
  message: Schema.String,
}) {}

/** A rule step whose expression does not parse (or reads a field that does not exist). Nothing was written. */
export class InvalidRoutingRule extends Schema.TaggedError<InvalidRoutingRule>()('InvalidRoutingRule', {
  field: Schema.String,
  step: Schema.Int,
  position: Schema.Int,
  message: Schema.String,
}) {}

/** A request for an agent that is not well formed (`field` names what). Nothing was written. */
export class InvalidRouteRequest extends Schema.TaggedError<InvalidRouteRequest>()('InvalidRouteRequest', {
  field: Schema.String,
  message: Schema.String,
}) {}

/** Skills or languages for an agent that are not well formed. Nothing was written. */
export class InvalidAgentSkills extends Schema.TaggedError<InvalidAgentSkills>()('InvalidAgentSkills', {
  field: Schema.String,
  message: Schema.String,
}) {}

export class UnknownRoutingQueue extends Schema.TaggedError<UnknownRoutingQueue>()('UnknownRoutingQueue', {
  field: Schema.String,
  queueId: Schema.String,
  message: Schema.String,
}) {}

/** This call already waits in a queue: it leaves one (answered, overflowed, ended) before joining another. */
export class CallAlreadyQueued extends Schema.TaggedError<CallAlreadyQueued>()('CallAlreadyQueued', {
  field: Schema.Literal('callId'),
  callId: Schema.String,
  queueId: Schema.String,
  message: Schema.String,
}) {}

/** The routing store failed (connection, constraint, query). Carries the driver's error as `cause`. */
export class RoutingStoreError extends Schema.TaggedError<RoutingStoreError>()('RoutingStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}
