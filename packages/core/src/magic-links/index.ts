export { type LinkAnalyticsQuery, type LinkRates, magicLinkAnalytics } from './analytics.js'
export { trackLinkConversions } from './conversions.js'
export { InvalidMagicLinkRequest, MagicLinkNotFound, MagicLinkRejected, UnknownLinkType } from './errors.js'
export { type IssuedMagicLink, IssueLinkRequest, issueMagicLink } from './issue-link.js'
export { linkUrl, MagicLinkType, type MagicLinkTypeInput } from './link-types.js'
export { LinkListRequest, listMagicLinks } from './list-links.js'
export {
  type LinkAccess,
  type LinkAnalyticsCounts,
  type LinkAnalyticsFilter,
  type LinkCounts,
  type MagicLink,
  MagicLinkStore,
  MagicLinkStoreError,
  type MagicLinkStoreService,
  type NewMagicLink,
  type StoredMagicLink,
} from './magic-link-store.js'
export {
  InvalidMagicLinkSettings,
  MagicLinkSettings,
  type MagicLinkSettingsInput,
  MagicLinksConfig,
  magicLinksConfigLayer,
} from './magic-links-config.js'
export { RevokeLinkRequest, revokeMagicLink } from './revoke-link.js'
export { SendLinkRequest, sendMagicLinkSms } from './send-link-sms.js'
export { constantTimeEqual, hashLinkToken, LinkToken, newLinkToken } from './token.js'
export { VerifyLinkRequest, verifyMagicLink } from './verify-link.js'
