import { Effect, Either, Option, Schema } from 'effect'
import { activeAgentIfStored } from '../agents/active-agent.js'
import { AgentStore } from '../agents/agent-store.js'
import { AuditLog } from '../audit/audit-log.js'
import { publish } from '../kernel/events.js'
import { AgentId } from '../kernel/ids.js'
import { currentDate } from '../kernel/time.js'
import { strict } from './decode.js'
import { InvalidAgentSkills, InvalidRoutingQueue, InvalidRoutingRule, UnknownRoutingQueue } from './errors.js'
import type { RoutingQueueChanged } from './events.js'
import { parseExpression } from './expression.js'
import { AgentSkills, type AgentSkillsInput, type RoutingQueue, RoutingQueueInput } from './queue.js'
import { RoutingStore } from './routing-store.js'

const decodeQueue = strict(RoutingQueueInput, (issue) => new InvalidRoutingQueue(issue))
const decodeSkills = strict(AgentSkills, (issue) => new InvalidAgentSkills(issue))

const decodeActor = (actor: string | undefined) =>
  actor === undefined
    ? Effect.succeed('system')
    : Effect.gen(function* () {
        if (!Schema.is(AgentId)(actor))
          return yield* new InvalidRoutingQueue({
            field: 'actor',
            message: 'actor: must be the id (a UUID) of the agent making the change',
          })
        yield* activeAgentIfStored(actor)
        return actor as string
      })

/** The queue with this id, or `UnknownRoutingQueue` naming the field it came from. */
export const existingQueue = (queueId: string, field = 'queueId') =>
  Effect.flatMap(RoutingStore, (store) => store.findQueue(queueId)).pipe(
    Effect.flatMap(
      Option.match({
        onNone: () =>
          Effect.fail(
            new UnknownRoutingQueue({
              field,
              queueId,
              message: `${field}: there is no live-call queue "${queueId}"`,
            }),
          ),
        onSome: Effect.succeed,
      }),
    ),
  )

/** Every step's expression must parse, and only the last step may last for ever. */
const checkSteps = (queue: typeof RoutingQueueInput.Type) =>
  Effect.forEach(queue.steps, (step, index) => {
    const field = `steps.${index}`
    const parsed = parseExpression(step.expression)
    if (Either.isLeft(parsed))
      return Effect.fail(
        new InvalidRoutingRule({
          field: `${field}.expression`,
          step: index + 1,
          position: parsed.left.position,
          message: `step ${index + 1}: ${parsed.left.message} (at character ${parsed.left.position + 1})`,
        }),
      )
    if (step.timeoutSeconds === null && index < queue.steps.length - 1)
      return Effect.fail(
        new InvalidRoutingRule({
          field: `${field}.timeoutSeconds`,
          step: index + 1,
          position: 0,
          message: `step ${index + 1}: only the last step may have no timeout (the steps after it would never apply)`,
        }),
      )
    return Effect.void
  })

/**
 * Following overflows from `target` (the queue `queueId` would overflow to), the queues passed
 * through until the chain comes back to `queueId`, or null when it ends (voicemail, hang up, no
 * overflow, a queue gone) or loops among other queues (each was checked when it was saved).
 */
const overflowLoop = (queueId: string, target: RoutingQueue) =>
  Effect.gen(function* () {
    const store = yield* RoutingStore
    const chain: string[] = []
    let next: RoutingQueue | null = target
    while (next !== null && !chain.includes(next.id)) {
      chain.push(next.id)
      const overflow: RoutingQueue['overflow'] = next.overflow
      if (overflow?.kind !== 'queue') return null
      if (overflow.queueId === queueId) return [...chain, queueId]
      next = Option.getOrNull(yield* store.findQueue(overflow.queueId))
    }
    return null
  })

const checkQueue = (queue: typeof RoutingQueueInput.Type) =>
  Effect.gen(function* () {
    if ((queue.maxWaitSeconds !== null || queue.maxSize !== null) && queue.overflow === null)
      return yield* new InvalidRoutingQueue({
        field: 'overflow',
        message: `overflow: a queue with a ${queue.maxWaitSeconds !== null ? 'max wait' : 'max size'} needs an overflow target (another queue, voicemail or hang up)`,
      })
    if (queue.overflow?.kind === 'queue') {
      if (queue.overflow.queueId === queue.id)
        return yield* new InvalidRoutingQueue({
          field: 'overflow.queueId',
          message: 'overflow.queueId: a queue cannot overflow into itself',
        })
      const target = yield* existingQueue(queue.overflow.queueId, 'overflow.queueId')
      const loop = yield* overflowLoop(queue.id, target)
      if (loop)
        return yield* new InvalidRoutingQueue({
          field: 'overflow.queueId',
          message: `overflow.queueId: overflowing to "${target.id}" comes back to this queue (${[queue.id, ...loop].join(' → ')}): a call would go round the queues for ever`,
        })
    }
    yield* checkSteps(queue)
    const agents = yield* AgentStore
    yield* Effect.forEach(queue.agentIds, (agentId, index) =>
      Effect.flatMap(agents.findAgent(agentId as AgentId), (found) =>
        Option.isSome(found) && found.value.active
          ? Effect.void
          : Effect.fail(
              new InvalidRoutingQueue({
                field: `agentIds.${index}`,
                message: `agentIds.${index}: no active agent has id ${agentId}`,
              }),
            ),
      ),
    )
  })

const audit = (
  actor: string,
  action: string,
  subject: string,
  detail: Record<string, string | number | boolean | null>,
) =>
  Effect.gen(function* () {
    const at = yield* currentDate
    yield* Effect.flatMap(AuditLog, (log) => log.record({ actor, action, subject, detail, at }))
    return at
  })

/**
 * Creates or replaces a live-call queue after checking it: a max wait or max size needs an overflow
 * target, every rule step must parse, the agents must exist. A refusal names the field (or the
 * step) and writes nothing. Each save raises the queue's version and is audited.
 */
export const saveRoutingQueue = (input: RoutingQueueInput, actor?: string) =>
  Effect.gen(function* () {
    const decoded = yield* decodeQueue(input)
    const by = yield* decodeActor(actor)
    yield* checkQueue(decoded)
    const store = yield* RoutingStore
    const previous = yield* store.findQueue(decoded.id)
    const queue: RoutingQueue = {
      ...decoded,
      version: Option.match(previous, { onNone: () => 1, onSome: (queue) => queue.version + 1 }),
    }
    const saved = yield* store.saveQueue(queue)
    const at = yield* audit(by, 'routing-queue.saved', `routing-queue:${saved.id}`, {
      version: saved.version,
      definition: JSON.stringify(Schema.encodeSync(RoutingQueueInput)(decoded)),
    })
    yield* publish({
      _tag: 'RoutingQueueChanged',
      at,
      queueId: saved.id,
      change: 'saved',
      actor: by,
    } satisfies RoutingQueueChanged)
    return saved
  })

/** Deletes a live-call queue (its contacts stay, for SLA history); refused while another overflows into it. */
export const deleteRoutingQueue = (queueId: string, actor?: string) =>
  Effect.gen(function* () {
    const by = yield* decodeActor(actor)
    const queue = yield* existingQueue(queueId)
    const store = yield* RoutingStore
    const feeding = (yield* store.listQueues()).find(
      (other) => other.overflow?.kind === 'queue' && other.overflow.queueId === queue.id,
    )
    if (feeding)
      return yield* new InvalidRoutingQueue({
        field: 'queueId',
        message: `queueId: "${feeding.name}" overflows into this queue; change its overflow first`,
      })
    yield* store.deleteQueue(queue.id)
    const at = yield* audit(by, 'routing-queue.deleted', `routing-queue:${queue.id}`, {
      version: queue.version,
    })
    yield* publish({
      _tag: 'RoutingQueueChanged',
      at,
      queueId: queue.id,
      change: 'deleted',
      actor: by,
    } satisfies RoutingQueueChanged)
    return queue
  })

export const routingQueues = Effect.flatMap(RoutingStore, (store) => store.listQueues())

/** Sets an agent's skills (name → level 1 to 10) and languages; audited. */
export const setAgentSkills = (input: AgentSkillsInput, actor?: string) =>
  Effect.gen(function* () {
    const skills = yield* decodeSkills(input)
    const by = yield* Effect.mapError(
      decodeActor(actor),
      (error) => new InvalidAgentSkills({ field: 'actor', message: error.message }),
    )
    const found = yield* Effect.flatMap(AgentStore, (store) => store.findAgent(skills.agentId as AgentId))
    if (Option.isNone(found))
      return yield* new InvalidAgentSkills({
        field: 'agentId',
        message: `agentId: there is no agent with id ${skills.agentId}`,
      })
    yield* Effect.flatMap(RoutingStore, (store) => store.setAgentSkills(skills))
    yield* audit(by, 'agent.skills-set', `agent:${skills.agentId}`, {
      skills: Object.entries(skills.skills)
        .map(([name, level]) => `${name}:${level}`)
        .join(','),
      languages: skills.languages.join(','),
    })
    return skills
  })

export const allAgentSkills = Effect.flatMap(RoutingStore, (store) => store.agentSkills())
