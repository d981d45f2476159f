import type { ComplianceProfile } from './profiles.js'

const OFCOM_2016 = {
  citation:
    "Ofcom, Persistent Misuse: a statement of Ofcom's general policy on the exercise of its enforcement powers (20 December 2016, applies from 1 March 2017), Annex 1 'Forms of misuse': abandoned and silent calls",
  url: 'https://www.ofcom.org.uk/consultations-and-statements/category-1/review-of-how-we-use-persistent-misuse-powers',
} as const
const ecfr64 = (paragraph: string, wording: string) => ({
  citation: `47 CFR 64.1200${paragraph}`,
  url: 'https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200',
  wording,
})
const regF = (paragraph: string, wording: string) => ({
  citation: `12 CFR 1006.14${paragraph} (Regulation F)`,
  url: 'https://www.ecfr.gov/current/title-12/chapter-X/part-1006/subpart-B/section-1006.14',
  wording,
})

/**
 * UK: Ofcom's policy on abandoned and silent calls (Communications Act 2003 ss. 128–131) and the
 * Privacy and Electronic Communications Regulations 2003 for the TPS and CTPS. The UK sets no legal
 * calling hours: the house calling window (`callingWindow` in the settings) applies on its own.
 */
export const ukOfcom: ComplianceProfile = {
  id: 'uk-ofcom',
  version: '1.0.0',
  name: 'UK: Ofcom persistent misuse policy, PECR (TPS/CTPS)',
  regions: ['GB', 'GG', 'JE', 'IM'],
  overlay: false,
  rules: [
    {
      id: 'uk-ofcom.abandon-rate',
      kind: 'abandon-rate',
      summary:
        'Abandoned calls no more than 3% of live calls per campaign in any 24-hour period; a reasoned estimate of AMD false positives (people the machine detection took for answer machines) counts as abandoned',
      maxPercent: 3,
      periodHours: 24,
      countsAmdFalsePositives: true,
      source: {
        ...OFCOM_2016,
        citation: `${OFCOM_2016.citation}; Annex 3 'Calculating the abandoned call rate'`,
      },
    },
    {
      id: 'uk-ofcom.no-agent-message',
      kind: 'no-agent-message',
      summary:
        'When a call is abandoned, a brief recorded information message (who called, a number to call back) plays within 2 seconds of the call being answered',
      withinSeconds: 2,
      source: OFCOM_2016,
    },
    {
      id: 'uk-ofcom.minimum-ring',
      kind: 'minimum-ring',
      summary: 'Calls that are not answered ring for at least 15 seconds before the dialler ends them',
      seconds: 15,
      source: OFCOM_2016,
    },
    {
      id: 'uk-ofcom.redial-after-abandon',
      kind: 'redial-after-abandon',
      summary:
        'After an abandoned call, the number is called again within 72 hours only with a live agent guaranteed',
      hours: 72,
      source: OFCOM_2016,
    },
    {
      id: 'uk-ofcom.redial-after-machine',
      kind: 'redial-after-machine',
      summary:
        'A number the answer machine detection flagged is called again the same day only with a live agent guaranteed',
      sameLocalDay: true,
      source: OFCOM_2016,
    },
    {
      id: 'uk-ofcom.caller-id',
      kind: 'caller-id',
      summary:
        'Every call presents a valid caller ID (CLI) that the person can call back to reach the caller or leave a message',
      source: OFCOM_2016,
    },
    {
      id: 'uk-pecr.tps-screening',
      kind: 'list-screening',
      summary:
        'Numbers registered with the Telephone Preference Service (people) or the Corporate TPS (businesses) are not called for marketing without consent; lists are screened against a copy no more than 28 days old, since a registration takes effect 28 days after it is made',
      lists: ['TPS', 'CTPS'],
      maxAgeDays: 28,
      source: {
        citation:
          'Privacy and Electronic Communications (EC Directive) Regulations 2003 (SI 2003/2426), regulations 21 and 26; ICO, Guide to PECR: telephone marketing',
        url: 'https://www.legislation.gov.uk/uksi/2003/2426/regulation/21',
      },
    },
  ],
}

/** US: the FCC's telemarketing rules under the Telephone Consumer Protection Act. */
export const usTcpa: ComplianceProfile = {
  id: 'us-tcpa',
  version: '1.0.0',
  name: 'US: TCPA, FCC telemarketing rules (47 CFR 64.1200)',
  regions: ['US'],
  overlay: false,
  rules: [
    {
      id: 'us-tcpa.calling-hours',
      kind: 'calling-window',
      summary: "Telephone solicitations only from 8 a.m. to 9 p.m. in the called party's local time",
      window: { start: '08:00', end: '21:00' },
      source: ecfr64(
        '(c)(1)',
        "No person or entity shall initiate any telephone solicitation to: (1) Any residential telephone subscriber before the hour of 8 a.m. or after 9 p.m. (local time at the called party's location)",
      ),
    },
    {
      id: 'us-tcpa.abandon-rate',
      kind: 'abandon-rate',
      summary:
        'Abandoned calls no more than 3% of calls answered live by a person, per calling campaign, measured over 30 days',
      maxPercent: 3,
      periodHours: 30 * 24,
      countsAmdFalsePositives: true,
      source: ecfr64(
        '(a)(7)',
        'Abandon more than three percent of all telemarketing calls that are answered live by a person, as measured over a 30-day period for a single calling campaign.',
      ),
    },
    {
      id: 'us-tcpa.no-agent-message',
      kind: 'no-agent-message',
      summary:
        "A call is abandoned if no live sales representative takes it within 2 seconds of the person's completed greeting; a prerecorded identification and opt-out message then plays",
      withinSeconds: 2,
      source: ecfr64(
        '(a)(7)(i)',
        "Whenever a live sales representative is not available to speak with the person answering the call, within two (2) seconds after the called person's completed greeting, the telemarketer or the seller must provide: (A) A prerecorded identification and opt-out message",
      ),
    },
    {
      id: 'us-tcpa.minimum-ring',
      kind: 'minimum-ring',
      summary: 'An unanswered telemarketing call rings for at least 15 seconds or four rings',
      seconds: 15,
      source: ecfr64(
        '(a)(6)',
        'Disconnect an unanswered telemarketing call prior to at least 15 seconds or four (4) rings.',
      ),
    },
    {
      id: 'us-tcpa.national-dnc',
      kind: 'list-screening',
      summary:
        'Numbers on the National Do Not Call Registry are not called for solicitation; screening uses a copy of the registry obtained no more than 31 days before the call',
      lists: ['US-NATIONAL-DNC'],
      maxAgeDays: 31,
      source: ecfr64(
        '(c)(2)(i)(D)',
        'employing a version of the national do-not-call registry obtained from the administrator of the registry no more than 31 days prior to the date any call is made',
      ),
    },
  ],
}

/**
 * US debt collection (Regulation F): the call-frequency presumption, per debt. Ringlane counts per
 * lead, so a lead that stands for several debts is held to the stricter count. An overlay: use it with
 * `us-tcpa` (`complianceOverlays: ['us-reg-f']`).
 */
export const usRegF: ComplianceProfile = {
  id: 'us-reg-f',
  version: '1.0.0',
  name: 'US: Regulation F call frequency (debt collection)',
  regions: ['US'],
  overlay: true,
  rules: [
    {
      id: 'us-reg-f.seven-in-seven',
      kind: 'call-frequency',
      summary: 'No more than 7 calls about a debt within 7 consecutive days',
      maxCalls: 7,
      days: 7,
      source: regF('(b)(2)(i)(A)', 'More than seven times within seven consecutive days'),
    },
    {
      id: 'us-reg-f.after-conversation',
      kind: 'quiet-after-conversation',
      summary:
        'No call within 7 consecutive days after a telephone conversation about the debt, the day of the conversation being the first',
      days: 7,
      source: regF(
        '(b)(2)(i)(B)',
        'Within a period of seven consecutive days after having had a telephone conversation with the person in connection with the collection of such debt. The date of the telephone conversation is the first day of the seven-consecutive-day period.',
      ),
    },
  ],
}

/** The profiles Ringlane ships; settings pick one (`complianceProfile`) and any overlays. */
export const shippedProfiles: ReadonlyArray<ComplianceProfile> = [ukOfcom, usTcpa, usRegF]
