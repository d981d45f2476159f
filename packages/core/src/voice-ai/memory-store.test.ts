import { describeVoiceAiStoreConformance } from '../testing/voice-ai-store.js'
import { inMemoryVoiceAiStore } from './memory-store.js'

let store = inMemoryVoiceAiStore()
describeVoiceAiStoreConformance('in memory', async () => ({
  get store() {
    return store
  },
  reset: async () => {
    store = inMemoryVoiceAiStore()
  },
  close: async () => {},
}))
