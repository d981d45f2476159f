import { useId } from 'react'

/** One bar: its label on the axis, and up to two values (e.g. calls and connected). */
export interface BarDatum {
  readonly label: string
  readonly value: number
  readonly secondary?: number
  /** The value as words where the number alone would mislead (e.g. "no calls" rather than 0%). */
  readonly text?: string
}

interface BarChartProps {
  readonly title: string
  /** One sentence for screen readers on what the chart shows. */
  readonly description: string
  readonly data: ReadonlyArray<BarDatum>
  /** What the bars are, e.g. "Hour" or "Day": the table's first column. */
  readonly categoryLabel: string
  readonly valueLabel: string
  readonly secondaryLabel?: string
  readonly format?: (value: number) => string
  /** Show every nth axis label when there are many bars. */
  readonly labelEvery?: number
  readonly height?: number
}

const WIDTH = 640
const PAD = { top: 12, right: 8, bottom: 28, left: 40 }

/** A round top for the axis: 1, 2, 5 × 10ⁿ. */
const niceMax = (value: number) => {
  if (value <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  const step = [1, 2, 5, 10].find((s) => s * power >= value) ?? 10
  return step * power
}

/**
 * A vertical bar chart in plain SVG: titled and described for assistive technology, every bar with
 * its own tooltip, and the same numbers in a table beneath for anyone who would rather read them.
 */
export const BarChart = ({
  title,
  description,
  data,
  categoryLabel,
  valueLabel,
  secondaryLabel,
  format = (v) => v.toLocaleString('en-GB'),
  labelEvery = 1,
  height = 200,
}: BarChartProps) => {
  const id = useId()
  const max = niceMax(Math.max(0, ...data.map((d) => Math.max(d.value, d.secondary ?? 0))))
  const plotWidth = WIDTH - PAD.left - PAD.right
  const plotHeight = height - PAD.top - PAD.bottom
  const slot = data.length ? plotWidth / data.length : plotWidth
  const hasSecondary = data.some((d) => d.secondary !== undefined)
  const barWidth = Math.max(2, (slot * 0.75) / (hasSecondary ? 2 : 1))
  const y = (v: number) => PAD.top + plotHeight - (v / max) * plotHeight
  const ticks = [0, max / 2, max]
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <strong>{title}</strong>
        <span className="chart-legend">
          <span className="swatch primary" aria-hidden="true" /> {valueLabel}
          {secondaryLabel && (
            <>
              {' '}
              <span className="swatch secondary" aria-hidden="true" /> {secondaryLabel}
            </>
          )}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${id}-svg-title ${id}-svg-desc`}
        preserveAspectRatio="none"
      >
        <title id={`${id}-svg-title`}>{title}</title>
        <desc id={`${id}-svg-desc`}>{description}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="gridline" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" className="axis">
              {format(tick)}
            </text>
          </g>
        ))}
        {data.map((d, index) => {
          const x = PAD.left + index * slot + (slot - barWidth * (hasSecondary ? 2 : 1)) / 2
          return (
            <g key={d.label}>
              <rect x={x} y={y(d.value)} width={barWidth} height={y(0) - y(d.value)} className="bar primary">
                <title>{`${d.label}: ${d.text ?? format(d.value)} ${valueLabel.toLowerCase()}`}</title>
              </rect>
              {d.secondary !== undefined && (
                <rect
                  x={x + barWidth}
                  y={y(d.secondary)}
                  width={barWidth}
                  height={y(0) - y(d.secondary)}
                  className="bar secondary"
                >
                  <title>{`${d.label}: ${format(d.secondary)} ${(secondaryLabel ?? '').toLowerCase()}`}</title>
                </rect>
              )}
              {index % labelEvery === 0 && (
                <text
                  x={PAD.left + index * slot + slot / 2}
                  y={height - 10}
                  textAnchor="middle"
                  className="axis"
                >
                  {d.label}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      <details>
        <summary>{title}: the numbers</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{categoryLabel}</th>
              <th scope="col">{valueLabel}</th>
              {secondaryLabel && <th scope="col">{secondaryLabel}</th>}
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.label}>
                <th scope="row">{d.label}</th>
                <td>{d.text ?? format(d.value)}</td>
                {secondaryLabel && <td>{format(d.secondary ?? 0)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}

/**
 * Horizontal bars for categories with long names (outcomes, agents), each labelled in text, so the
 * chart reads without colour or hover.
 */
export const CategoryBars = ({
  title,
  data,
  format = (v) => v.toLocaleString('en-GB'),
}: {
  readonly title: string
  readonly data: ReadonlyArray<{ readonly label: string; readonly value: number }>
  readonly format?: (value: number) => string
}) => {
  const id = useId()
  const max = Math.max(1, ...data.map((d) => d.value))
  const total = data.reduce((sum, d) => sum + d.value, 0)
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>
        <strong>{title}</strong>
      </figcaption>
      {data.length === 0 ? (
        <p className="muted">Nothing in this period.</p>
      ) : (
        <table className="category-bars">
          <tbody>
            {data.map((d) => (
              <tr key={d.label}>
                <th scope="row">{d.label}</th>
                <td className="bar-cell">
                  <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                    <rect x="0" y="1" width={(d.value / max) * 100} height="8" className="bar primary" />
                  </svg>
                </td>
                <td className="num">
                  {format(d.value)}
                  {total > 0 && <span className="muted"> ({Math.round((d.value / total) * 100)}%)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  )
}

/** A headline figure. */
export const Stat = ({ label, value, hint }: { label: string; value: string; hint?: string }) => (
  <div className="panel stat">
    <div className="muted">{label}</div>
    <div className="stat-value">{value}</div>
    {hint && <div className="muted stat-hint">{hint}</div>}
  </div>
)

export const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.1 ? 1 : 0)}%`
