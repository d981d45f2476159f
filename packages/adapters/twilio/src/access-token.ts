import { Redacted, Schema } from 'effect'
import twilio from 'twilio'

const sid = (prefix: string, field: string) =>
  Schema.String.pipe(
    Schema.pattern(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), {
      message: () => `${field} must be ${prefix} followed by 32 hex digits`,
    }),
  )

/** What a Voice access token needs; decode it from env or config with `Schema.decodeUnknown`. */
export const AccessTokenConfig = Schema.Struct({
  accountSid: sid('AC', 'accountSid'),
  apiKeySid: sid('SK', 'apiKeySid'),
  apiKeySecret: Schema.Redacted(Schema.String),
  twimlAppSid: sid('AP', 'twimlAppSid'),
  /** How long a browser token lives; the softphone refreshes it before it expires. */
  ttlSeconds: Schema.optionalWith(Schema.Int.pipe(Schema.between(60, 86_400)), { default: () => 3600 }),
})
export type AccessTokenConfig = typeof AccessTokenConfig.Type

/** Agent identities become Twilio client names: keep them to characters Twilio accepts. */
export const AgentIdentity = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_.@-]{1,121}$/, {
    message: () => 'identity must be 1 to 121 letters, digits, or _ . @ -',
  }),
)

/** A Voice access token that lets one agent's browser place calls through the TwiML app. */
export const createAccessToken = (config: AccessTokenConfig, identity: string): string => {
  const { AccessToken } = twilio.jwt
  const token = new AccessToken(config.accountSid, config.apiKeySid, Redacted.value(config.apiKeySecret), {
    identity: Schema.decodeUnknownSync(AgentIdentity)(identity),
    ttl: config.ttlSeconds,
  })
  token.addGrant(
    new AccessToken.VoiceGrant({ outgoingApplicationSid: config.twimlAppSid, incomingAllow: false }),
  )
  return token.toJwt()
}
