import type { MagicLinks } from '@ringlane/core'

/**
 * The claims use case's magic links, for `createRinglane({ magicLinks: { settings: { baseUrl,
 * linkTypes: claimsLinkTypes } } })`. Replace or extend them as the portal's pages are.
 */
export const claimsLinkTypes: ReadonlyArray<MagicLinks.MagicLinkTypeInput> = [
  {
    type: 'first_login',
    label: 'First login',
    path: '/first-login?token={token}',
    smsTemplate: 'Hi {{firstName|there}}, welcome. Set up your account here: {{link}}',
    convertsIn: 'unsigned',
  },
  {
    type: 'claim_portal',
    label: 'Claim portal',
    path: '/claims?token={token}',
    smsTemplate: 'Hi {{firstName|there}}, you can see how your claim is going here: {{link}}',
  },
  {
    type: 'document_upload',
    label: 'Document upload',
    path: '/claim/requirements?token={token}',
    smsTemplate: 'Hi {{firstName|there}}, please upload the documents your claim still needs here: {{link}}',
    convertsIn: 'outstanding',
  },
  {
    type: 'claim_completion',
    label: 'Claim completion',
    path: '/claim/incomplete-redirect?token={token}',
    smsTemplate: 'Hi {{firstName|there}}, you can finish your claim here: {{link}}',
    convertsIn: 'unsigned',
  },
  {
    type: 'verification',
    label: 'Verification',
    path: '/verify?token={token}',
    smsTemplate: 'Hi {{firstName|there}}, please confirm your details here: {{link}}',
  },
]
