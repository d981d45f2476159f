/** The score weights a supervisor sets per queue, as the SDK names them, with what each means. */
export const weightFields = [
  ['perDaySinceLastContact', 'Points per day since the last contact'],
  ['maxDaysSinceLastContact', 'Counting at most this many days'],
  ['perAttempt', 'Points per call attempt so far'],
  ['callbackDue', 'Points when a promised callback is due'],
  ['perDayOfLeadAge', 'Points per day since the lead appeared'],
  ['maxLeadAgeDays', 'Counting at most this many days of age'],
] as const
