/**
 * How many SMS parts a text costs. GSM-7 fits 160 characters in one part (153 per part once split);
 * a single character outside it (an emoji, a curly quote) turns the whole text into UCS-2, 70 per part
 * (67 when split). Providers bill per part, so templates are checked before anything is sent.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2'

export interface SmsLength {
  readonly encoding: SmsEncoding
  /** Septets for GSM-7 (extension characters take two), UTF-16 code units for UCS-2. */
  readonly units: number
  readonly segments: number
}

const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
)
// Reached through an escape, so each costs two septets.
const gsmExtension = new Set('\f^{}\\[~]|€')

const single = { 'GSM-7': 160, 'UCS-2': 70 } as const
const multipart = { 'GSM-7': 153, 'UCS-2': 67 } as const

/** The cost of each character; a character never straddles two parts (nor does a surrogate pair). */
const costs = (text: string): { encoding: SmsEncoding; costs: number[] } => {
  const chars = [...text]
  if (chars.every((c) => gsmBasic.has(c) || gsmExtension.has(c))) {
    return { encoding: 'GSM-7', costs: chars.map((c) => (gsmExtension.has(c) ? 2 : 1)) }
  }
  return { encoding: 'UCS-2', costs: chars.map((c) => c.length) }
}

export const smsLength = (text: string): SmsLength => {
  const { encoding, costs: each } = costs(text)
  const units = each.reduce((sum, n) => sum + n, 0)
  if (units <= single[encoding]) return { encoding, units, segments: text.length === 0 ? 0 : 1 }
  let segments = 1
  let used = 0
  for (const cost of each) {
    if (used + cost > multipart[encoding]) {
      segments++
      used = 0
    }
    used += cost
  }
  return { encoding, units, segments }
}
