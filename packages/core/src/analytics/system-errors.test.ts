import { describeSystemErrorStoreConformance } from '../testing/system-error-store.js'
import { inMemorySystemErrorStore } from './system-error-store-memory.js'

let store = inMemorySystemErrorStore()
describeSystemErrorStoreConformance('in memory', async () => ({
  get store() {
    return store
  },
  reset: async () => {
    store = inMemorySystemErrorStore()
  },
  close: async () => {},
}))
