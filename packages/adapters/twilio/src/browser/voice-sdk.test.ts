import type { Device } from '@twilio/voice-sdk'
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import type { TwilioDeviceLike, TwilioDeviceOptions } from './voice-sdk.js'

afterEach(() => {
  vi.doUnmock('@twilio/voice-sdk')
  vi.resetModules()
})

describe('loadTwilioDevice', () => {
  it('imports the SDK only when asked, and hands it the codecs as its enum members', async () => {
    const constructed: Array<[string, unknown]> = []
    vi.doMock('@twilio/voice-sdk', () => ({
      Call: { Codec: { Opus: 'opus', PCMU: 'pcmu' } },
      Device: class {
        constructor(token: string, options: unknown) {
          constructed.push([token, options])
        }
      },
    }))
    const { loadTwilioDevice } = await import('./voice-sdk.js')
    expect(constructed).toEqual([])
    const Loaded = await loadTwilioDevice()
    new Loaded('jwt', { codecPreferences: ['pcmu', 'opus'], edge: 'dublin' })
    new Loaded('jwt2')
    expect(constructed).toEqual([
      ['jwt', { codecPreferences: ['pcmu', 'opus'], edge: 'dublin' }],
      ['jwt2', {}],
    ])
  })

  it('turns an SDK that fails to load into sdk-unavailable', async () => {
    vi.doMock('@twilio/voice-sdk', () => {
      throw new Error('Cannot find package @twilio/voice-sdk')
    })
    const { createTwilioSoftphone } = await import('./index.js')
    const softphone = createTwilioSoftphone({ getToken: async () => 'a.b.c' })
    await expect(softphone.register()).rejects.toMatchObject({
      code: 'sdk-unavailable',
      message: 'The Twilio Voice SDK (@twilio/voice-sdk) could not be loaded.',
    })
  })

  it('types only a slice the real SDK satisfies', () => {
    expectTypeOf<Device>().toExtend<TwilioDeviceLike>()
    expectTypeOf<Omit<TwilioDeviceOptions, 'codecPreferences'>>().toExtend<
      Omit<Device.Options, 'codecPreferences'>
    >()
  })
})
