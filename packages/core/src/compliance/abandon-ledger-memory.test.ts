import { describeAbandonLedgerConformance } from '../testing/abandon-ledger.js'
import { inMemoryAbandonLedger } from './abandon-ledger-memory.js'

let ledger = inMemoryAbandonLedger()
describeAbandonLedgerConformance('in memory', async () => ({
  get ledger() {
    return ledger
  },
  reset: async () => {
    ledger = inMemoryAbandonLedger()
  },
  close: async () => {},
}))
