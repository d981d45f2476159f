import { describeSettingsStoreConformance } from '../testing/settings-store.js'
import { inMemorySettingsStore } from './memory-store.js'

describeSettingsStoreConformance('in memory', async () => {
  let store = inMemorySettingsStore()
  return {
    get store() {
      return store
    },
    reset: async () => {
      store = inMemorySettingsStore()
    },
    close: async () => undefined,
  }
})
