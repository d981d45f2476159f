import { Cause, Effect, Exit, Layer, ManagedRuntime } from 'effect'
import { AuditLog, type AuditLogService } from '../audit/audit-log.js'
import { decodeLeadId } from '../leads/lead-context.js'
import { LeadSource, type LeadSourceService } from '../leads/lead-source.js'
import { type MessagingOptions, messagingLayer } from '../messaging/messaging-facade.js'
import { type LinkAnalyticsQuery, magicLinkAnalytics } from './analytics.js'
import { trackLinkConversions } from './conversions.js'
import { InvalidMagicLinkRequest } from './errors.js'
import { type IssueLinkRequest, issueMagicLink } from './issue-link.js'
import { MagicLinkStore, type MagicLinkStoreService } from './magic-link-store.js'
import { type MagicLinkSettingsInput, MagicLinksConfig, magicLinksConfigLayer } from './magic-links-config.js'
import { type RevokeLinkRequest, revokeMagicLink } from './revoke-link.js'
import { type SendLinkRequest, sendMagicLinkSms } from './send-link-sms.js'
import { type VerifyLinkRequest, verifyMagicLink } from './verify-link.js'

export interface MagicLinksOptions {
  /** e.g. `postgresMagicLinkStore(...)` from @ringlane/postgres. */
  readonly store: MagicLinkStoreService
  readonly audit: AuditLogService
  readonly settings: MagicLinkSettingsInput
  /** Needed for conversion tracking and for texting links (the lead's name and number). */
  readonly source?: LeadSourceService
  /** Needed to text links: the same options `createMessaging` takes (audit and source are shared). */
  readonly sms?: Omit<MessagingOptions, 'audit' | 'source'>
}

/** The Effect API's services for magic links, from plain implementations. */
export const magicLinksLayer = (options: Pick<MagicLinksOptions, 'store' | 'audit' | 'settings'>) =>
  Layer.mergeAll(
    magicLinksConfigLayer(options.settings),
    Layer.succeed(MagicLinkStore, options.store),
    Layer.succeed(AuditLog, options.audit),
  )

const notConfigured = (field: 'source' | 'sms', what: string) =>
  Promise.reject(
    new InvalidMagicLinkRequest({
      field,
      message: `${field}: createMagicLinks needs a ${field} option to ${what}`,
    }),
  )

/**
 * The Promise API for magic links. Methods reject with the same tagged errors as the Effect API;
 * settings (base URL, link types) are checked here, once.
 */
export const createMagicLinks = async (options: MagicLinksOptions) => {
  const links = magicLinksLayer(options)
  const runtime = ManagedRuntime.make(links)
  const { source, sms } = options
  const sourceLayer = source && Layer.merge(links, Layer.succeed(LeadSource, source))
  const withSource = sourceLayer && ManagedRuntime.make(sourceLayer)
  const withSms =
    sourceLayer &&
    sms &&
    ManagedRuntime.make(Layer.merge(sourceLayer, messagingLayer({ ...sms, audit: options.audit })))
  const settle = async <A>(exit: Exit.Exit<A, unknown>): Promise<A> => {
    if (Exit.isSuccess(exit)) return exit.value
    throw Cause.squash(exit.cause)
  }
  await settle(await runtime.runPromiseExit(Effect.asVoid(MagicLinksConfig)))
  return {
    /** Resolves to `{ link, url, token }`; url and token are `Redacted`: `Redacted.value(url)` to send it. */
    issue: (request: IssueLinkRequest) => runtime.runPromiseExit(issueMagicLink(request)).then(settle),
    /** For the page the link opens: rejects with `MagicLinkRejected` (its `reason`) when it must not open. */
    verify: (request: VerifyLinkRequest) => runtime.runPromiseExit(verifyMagicLink(request)).then(settle),
    revoke: (request: RevokeLinkRequest) => runtime.runPromiseExit(revokeMagicLink(request)).then(settle),
    analytics: (query: LinkAnalyticsQuery) => runtime.runPromiseExit(magicLinkAnalytics(query)).then(settle),
    linksForLead: (leadId: string) =>
      runtime
        .runPromiseExit(
          Effect.flatMap(decodeLeadId(leadId), (id) =>
            Effect.flatMap(MagicLinkStore, (store) => store.linksForLead(id)),
          ),
        )
        .then(settle),
    trackConversions: () =>
      withSource
        ? withSource.runPromiseExit(trackLinkConversions).then(settle)
        : notConfigured('source', 'track conversions'),
    /** Issues a link and texts it to the lead in one step. Needs `source` and `sms`. */
    sendBySms: (request: SendLinkRequest) =>
      withSms
        ? withSms.runPromiseExit(sendMagicLinkSms(request)).then(settle)
        : notConfigured(source ? 'sms' : 'source', 'text links'),
    dispose: async () => {
      await Promise.all([runtime.dispose(), withSource?.dispose(), withSms?.dispose()])
    },
  }
}

export type MagicLinksClient = Awaited<ReturnType<typeof createMagicLinks>>
