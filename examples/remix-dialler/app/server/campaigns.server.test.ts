import { storedCampaign } from '@ringlane/core/testing'
import { describe, expect, it } from 'vitest'
import { campaignForForm, campaignFromForm, formFieldOf } from './campaigns.server'

const campaign = storedCampaign({
  queues: ['outstanding', 'unsigned'],
  dialMode: 'predictive',
  maxLinesPerAgent: 1.5,
  answeringMachine: 'leave-message',
  abandonMessage: { say: 'Sorry we missed you.' },
  machineMessage: { play: 'https://media.example.com/machine.wav' },
  complianceProfiles: ['us-tcpa', 'us-reg-f'],
  wrapUpSeconds: null,
})

/** The form a browser posts for these values, checkboxes as repeated fields. */
const posted = (values: ReturnType<typeof campaignForForm>) => {
  const form = new FormData()
  for (const [key, value] of Object.entries(values)) {
    if (key === 'complianceOverlays') for (const v of value as string[]) form.append('complianceOverlays', v)
    else if (key === 'queues') for (const v of value as string[]) form.append('queues', v)
    else form.append(key, String(value))
  }
  return form
}

describe('the campaign form', () => {
  it('posts back the campaign it shows, field for field', () => {
    const { id: _, status: __, ...settings } = campaign
    expect(campaignFromForm(posted(campaignForForm(campaign)))).toEqual(settings)
  })

  it('passes what is not a number to the SDK as typed, so the SDK names the field', () => {
    const form = posted({ ...campaignForForm(campaign), ringTimeoutSeconds: 'ten', wrapUpSeconds: '' })
    expect(campaignFromForm(form)).toMatchObject({ ringTimeoutSeconds: 'ten', wrapUpSeconds: null })
  })

  it('leaves out a blank machine message and reads a link as audio, text as speech', () => {
    const form = posted({ ...campaignForForm(campaign), machineMessage: ' ', abandonMessage: ' Call us. ' })
    const parsed = campaignFromForm(form)
    expect(parsed).not.toHaveProperty('machineMessage')
    expect(parsed.abandonMessage).toEqual({ say: 'Call us.' })
  })

  it('shows each SDK refusal beside its field', () => {
    expect(formFieldOf({ field: 'ringTimeoutSeconds' })).toBe('ringTimeoutSeconds')
    expect(formFieldOf({ field: 'queues.1' })).toBe('queues')
    expect(formFieldOf({ field: 'complianceProfiles.0' })).toBe('complianceProfiles')
    expect(formFieldOf({ field: 'abandonMessage.say' })).toBe('abandonMessage')
    expect(formFieldOf({ field: 'actor' })).toBe('form')
    expect(formFieldOf(new Error('boom'))).toBe('form')
  })
})
