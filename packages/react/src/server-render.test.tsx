// @vitest-environment node
// Every export rendered the way a Remix or Next server renders it: no window, no document.
import { createSimulatorSoftphone } from '@ringlane/simulator/browser'
import { createTwilioSoftphone } from '@ringlane/twilio/browser'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import * as ringlaneReact from './index.js'
import {
  formatCallDuration,
  SoftphoneProvider,
  useAudioDevices,
  useCallTimer,
  useDiallerEvents,
  useSoftphone,
} from './index.js'

// Importing the SDK on the server is the "window is not defined" crash; make it fail loudly here.
vi.mock('@twilio/voice-sdk', () => {
  throw new Error('@twilio/voice-sdk must not load during a server render')
})

const Softphone = () => {
  const { deviceState, ready, call, error } = useSoftphone()
  const { inputs, canSelectInput } = useAudioDevices()
  const { formatted } = useCallTimer(call?.answeredAt ?? null)
  return (
    <p>
      {`${deviceState} ready=${ready} call=${call?.state ?? 'none'} error=${error?.code ?? 'none'} ` +
        `mics=${inputs.length} select=${canSelectInput} timer=${formatted} ${formatCallDuration(125)}`}
    </p>
  )
}

const LiveStatus = () => {
  const { status, lastEvent } = useDiallerEvents('/events')
  return <p>{`live=${status} last=${lastEvent === null ? 'none' : lastEvent.type}`}</p>
}

const ClosedLiveStatus = () => <p>{useDiallerEvents('/events', { enabled: false }).status}</p>

describe('server rendering', () => {
  it('has no window here', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
  })

  it.each([
    ['the simulator driver', () => createSimulatorSoftphone()],
    ['the Twilio driver', () => createTwilioSoftphone({ getToken: async () => 'never.called.here' })],
  ])('renders the softphone hooks with %s as an unregistered softphone', (_, createDriver) => {
    const html = renderToString(
      <SoftphoneProvider driver={createDriver()}>
        <Softphone />
        <LiveStatus />
      </SoftphoneProvider>,
    )
    expect(html).toBe(
      '<p>unregistered ready=false call=none error=none mics=0 select=false timer=0:00 2:05</p>' +
        '<p>live=connecting last=none</p>',
    )
  })

  it('renders useDiallerEvents disabled as closed', () => {
    expect(renderToString(<ClosedLiveStatus />)).toBe('<p>closed</p>')
  })

  it('covers every runtime export', () => {
    expect(Object.keys(ringlaneReact).sort()).toEqual([
      'SoftphoneProvider',
      'formatCallDuration',
      'useAudioDevices',
      'useCallTimer',
      'useDiallerEvents',
      'useSoftphone',
    ])
  })
})
