/** Prints a scenario's figures as one JSON line on stdout, whatever the checks then say. */
export const printFigures = (scenario: string, figures: Record<string, unknown>) => {
  process.stdout.write(`${JSON.stringify({ scenario, ...figures })}\n`)
}

/** Progress for people watching, on stderr. */
export const note = (line: string) => process.stderr.write(`  ${line}\n`)
