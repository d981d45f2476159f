import { describe, expect, it } from 'vitest'
import { type CostReport, costReportCsv } from './costs.js'

const report = (agentName: string): CostReport => ({
  range: { from: '2026-11-20', to: '2026-11-20', timeZone: 'Europe/London' } as CostReport['range'],
  totals: [
    {
      key: 'all',
      label: 'All calls and texts',
      currency: 'GBP',
      calls: 1,
      messages: 0,
      cost: '0.013000',
      conversions: 0,
      costPerConversion: null,
    },
  ],
  byDay: [],
  byOutcome: [],
  byAgent: [],
  byQueue: [],
  byCampaign: [],
  calls: [
    {
      sessionId: 's-1',
      startedAt: new Date(Date.UTC(2026, 10, 20, 10)),
      agentName,
      phone: '+447700900123',
      queueId: 'q1',
      outcome: null,
      talkSeconds: 42,
      amount: '0.013000',
      currency: 'GBP',
    },
  ],
})

describe('the cost report as CSV', () => {
  it('has a header, a line per breakdown line, then one per call, CRLF-ended (RFC 4180)', () => {
    expect(costReportCsv(report('Ann')).split('\r\n')).toEqual([
      'section,key,label,currency,calls,messages,cost,conversions,cost per conversion',
      'total,all,All calls and texts,GBP,1,0,0.013000,0,',
      '',
      'call,started at,agent,number,queue,outcome,talk seconds,cost,currency',
      's-1,2026-11-20T10:00:00.000Z,Ann,+447700900123,q1,,42,0.013000,GBP',
      '',
    ])
  })

  it('quotes commas and quotes, and defuses a cell a spreadsheet would run as a formula', () => {
    const csv = costReportCsv(report('=HYPERLINK("http://x","Ann, Smith")'))
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""Ann, Smith"")"`)
    expect(costReportCsv(report('-1+1'))).toContain(",'-1+1,")
    expect(costReportCsv(report('@SUM(A1)'))).toContain(",'@SUM(A1),")
  })
})
