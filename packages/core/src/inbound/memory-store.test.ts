import { Effect, Option } from 'effect'
import { describeInboundStoreConformance } from '../testing/inbound-store.js'
import type { InboundStoreService } from './inbound-store.js'
import { inMemoryInboundStore } from './memory-store.js'

let current = inMemoryInboundStore()
/** The suite keeps one store; each reset swaps the one behind it for an empty one. */
const store = new Proxy({} as InboundStoreService, {
  get: (_, name) => current[name as keyof InboundStoreService],
})

describeInboundStoreConformance('in memory', async () => ({
  store,
  inspect: {
    voicemailCount: async () => (await Effect.runPromise(store.listVoicemails({ limit: 500 }))).length,
    versionCount: async (flowId) => {
      let n = 0
      while (Option.isSome(await Effect.runPromise(store.flowVersion(flowId, n + 1)))) n++
      return n
    },
  },
  reset: async () => {
    current = inMemoryInboundStore()
  },
  close: async () => undefined,
}))
