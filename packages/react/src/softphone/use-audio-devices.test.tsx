import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { FakeDriver, softphoneError } from './fake-driver.test.support.js'
import { SoftphoneProvider } from './softphone-provider.js'
import { useAudioDevices } from './use-audio-devices.js'
import { useSoftphone } from './use-softphone.js'

const headset = {
  inputs: [
    { id: 'default', label: 'Default' },
    { id: 'headset', label: 'Jabra Evolve' },
  ],
  outputs: [{ id: 'default', label: 'Speakers' }],
  inputId: 'default',
  outputId: 'default',
  canSelectInput: true,
  canSelectOutput: false,
}

const renderAudio = () => {
  const driver = new FakeDriver()
  const wrapper = ({ children }: { children: ReactNode }) => (
    <SoftphoneProvider driver={driver}>{children}</SoftphoneProvider>
  )
  const view = renderHook(() => ({ audio: useAudioDevices(), softphone: useSoftphone() }), { wrapper })
  return { driver, ...view }
}

describe('useAudioDevices', () => {
  it('lists nothing selectable until the driver knows the headset', () => {
    const { result } = renderAudio()
    expect(result.current.audio).toMatchObject({ inputs: [], outputs: [], canSelectInput: false })
  })

  it('follows device changes and switches the microphone', async () => {
    const { driver, result } = renderAudio()
    act(() => {
      driver.audioDevices = headset
      driver.emit('audioDevices', headset)
    })
    expect(result.current.audio).toMatchObject(headset)
    let switched: boolean | undefined
    await act(async () => {
      switched = await result.current.audio.selectInput('headset')
    })
    expect(switched).toBe(true)
    expect(result.current.audio.inputId).toBe('headset')
  })

  it('resolves false and shows the driver’s reason when a switch fails', async () => {
    const { driver, result } = renderAudio()
    driver.selectFailure = softphoneError('audio-device', 'This browser cannot choose the speaker')
    let switched: boolean | undefined
    await act(async () => {
      switched = await result.current.audio.selectOutput('usb')
    })
    expect(switched).toBe(false)
    expect(driver.log).toContain('output usb')
    expect(result.current.softphone.error?.code).toBe('audio-device')
  })
})
