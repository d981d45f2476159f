// Type-only tests of the public API: they compile or the build fails (tsc -b), and run as no-ops.
import type { Softphone } from '@ringlane/core'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type AudioDeviceControls,
  type DiallerEventMessage,
  type DiallerEvents,
  type DialResult,
  type SoftphoneControls,
  type SoftphoneProviderProps,
  useAudioDevices,
  useCallTimer,
  useDiallerEvents,
  useSoftphone,
} from './index.js'

describe('public types', () => {
  it('useSoftphone gives state, a typed dial result and actions', () => {
    expectTypeOf(useSoftphone).returns.toEqualTypeOf<SoftphoneControls>()
    expectTypeOf<SoftphoneControls['deviceState']>().toEqualTypeOf<
      'unregistered' | 'registering' | 'registered' | 'destroyed'
    >()
    expectTypeOf<NonNullable<SoftphoneControls['call']>['state']>().toEqualTypeOf<
      'connecting' | 'ringing' | 'open' | 'reconnecting' | 'closed'
    >()
    expectTypeOf<SoftphoneControls['dial']>().parameter(0).toEqualTypeOf<Softphone.DialParams>()
    expectTypeOf<SoftphoneControls['dial']>().returns.resolves.toEqualTypeOf<DialResult>()
    expectTypeOf<
      Extract<DialResult, { ok: false }>['error']['code']
    >().toEqualTypeOf<Softphone.SoftphoneErrorCode>()
    expectTypeOf<Extract<DialResult, { ok: false }>['error']['hint']>().toEqualTypeOf<string>()
    expectTypeOf<SoftphoneControls['error']>().toEqualTypeOf<Softphone.SoftphoneError | null>()
    expectTypeOf<SoftphoneControls['ready']>().toEqualTypeOf<boolean>()
    expectTypeOf<SoftphoneControls>().toHaveProperty('sendDigits').toEqualTypeOf<(digits: string) => void>()
  })

  it('SoftphoneProvider takes any SoftphoneDriver', () => {
    expectTypeOf<SoftphoneProviderProps['driver']>().toEqualTypeOf<Softphone.SoftphoneDriver>()
    expectTypeOf<SoftphoneProviderProps['register']>().toEqualTypeOf<boolean | undefined>()
  })

  it('useAudioDevices lists devices and switches them', () => {
    expectTypeOf(useAudioDevices).returns.toEqualTypeOf<AudioDeviceControls>()
    expectTypeOf<AudioDeviceControls['inputs']>().toEqualTypeOf<ReadonlyArray<Softphone.AudioDevice>>()
    expectTypeOf<AudioDeviceControls['selectInput']>().returns.toEqualTypeOf<Promise<boolean>>()
  })

  it('useDiallerEvents is typed by its parse function', () => {
    type AgentState = { readonly agentId: string; readonly state: 'ready' | 'on-call' }
    const parse = (message: DiallerEventMessage): AgentState | null =>
      message.type === 'agent-state' ? (message.data as AgentState) : null
    expectTypeOf(() => useDiallerEvents('/events')).returns.toEqualTypeOf<
      DiallerEvents<DiallerEventMessage>
    >()
    expectTypeOf(() => useDiallerEvents('/events', { parse })).returns.toEqualTypeOf<
      DiallerEvents<AgentState>
    >()
    expectTypeOf(() =>
      useDiallerEvents('/events', {
        parse,
        onEvent: (event) => expectTypeOf(event).toEqualTypeOf<AgentState>(),
      }),
    ).returns.toEqualTypeOf<DiallerEvents<AgentState>>()
    expectTypeOf<DiallerEvents<AgentState>['status']>().toEqualTypeOf<
      'connecting' | 'open' | 'reconnecting' | 'closed'
    >()
  })

  it('useCallTimer takes the call’s answeredAt', () => {
    expectTypeOf(useCallTimer).parameter(0).toEqualTypeOf<Date | number | null>()
    expectTypeOf<Softphone.SoftphoneCall['answeredAt']>().toExtend<Parameters<typeof useCallTimer>[0]>()
  })
})
