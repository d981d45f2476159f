import { afterAll, beforeAll, beforeEach } from 'vitest'

/** What every conformance fixture can do: close, and (most) empty themselves between tests. */
export interface SuiteFixture {
  readonly close: () => Promise<void>
  readonly reset?: () => Promise<void>
}

/**
 * Opens a suite's fixture once before its tests, resets it before each when it can, and closes it
 * after; `opened` keeps what the tests use.
 */
export const withFixture = <F extends SuiteFixture>(
  setup: () => Promise<F>,
  opened: (fixture: F) => void,
) => {
  let fixture: F | undefined
  beforeAll(async () => {
    fixture = await setup()
    opened(fixture)
  })
  afterAll(() => fixture?.close())
  beforeEach(async () => {
    await fixture?.reset?.()
  })
}
