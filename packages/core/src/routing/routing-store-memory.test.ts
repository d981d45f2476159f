import { Effect } from 'effect'
import { describeRoutingStoreConformance } from '../testing/routing-store.js'
import { inMemoryRoutingStore } from './routing-store-memory.js'

let store = inMemoryRoutingStore()
let agents = 0
describeRoutingStoreConformance('in memory', async () => ({
  get store() {
    return store
  },
  contactCount: async () =>
    Effect.runSync(store.contacts({ since: new Date(0), until: new Date(8.64e15) })).length,
  newAgent: async () => `a0000000-0000-4000-8000-${String(++agents).padStart(12, '0')}` as never,
  reset: async () => {
    store = inMemoryRoutingStore()
  },
  close: async () => {},
}))
