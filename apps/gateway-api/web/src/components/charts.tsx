import { labelEvery, niceScale } from '../lib/analytics';

/*
 * Small SVG charts for the analytics page (ADR 0041): stacked columns over time, stacked
 * horizontal bars per name, and a rate bar for table cells. Each chart is one image to assistive
 * technology, named by a summary; the numbers themselves are in the tables beside the charts.
 */

export interface Series {
  name: string;
}

interface Point {
  label: string;
  values: number[];
}

const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 56;
const RIGHT = 8;
const TOP = 10;
const BOTTOM = 26;

export function Legend({ series }: { series: readonly Series[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {series.map((s, i) => (
        <li key={s.name}>
          <svg width="12" height="12" className={`chart-s${i + 1}`}>
            <rect width="12" height="12" rx="2" />
          </svg>
          {s.name}
        </li>
      ))}
    </ul>
  );
}

/** Stacked columns, one per bucket; the y axis from zero to a round number. */
export function ColumnChart({
  label,
  series,
  points,
  format = String,
  integer = false,
  testId,
}: {
  label: string;
  series: readonly Series[];
  points: readonly Point[];
  format?: (n: number) => string;
  /** Counts: the axis steps by whole numbers. */
  integer?: boolean;
  testId?: string;
}) {
  const totals = points.map((p) => p.values.reduce((a, b) => a + b, 0));
  const scale = niceScale(Math.max(0, ...totals), { integer });
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const slot = points.length ? plotW / points.length : plotW;
  const barW = Math.max(1, Math.min(40, slot * 0.7));
  const y = (v: number) => TOP + plotH - (v / scale.max) * plotH;
  const every = labelEvery(points.length, 8);
  return (
    <figure className="chart" data-testid={testId}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} className="chart-svg">
        {scale.ticks.map((tick) => (
          <g key={tick} className="chart-grid">
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} />
            <text x={LEFT - 6} y={y(tick)} dy="0.32em" textAnchor="end">
              {format(tick)}
            </text>
          </g>
        ))}
        {points.map((point, i) => {
          const x = LEFT + slot * i + (slot - barW) / 2;
          let base = 0;
          return (
            <g key={point.label}>
              {point.values.map((value, s) => {
                const top = base + value;
                const rect = (
                  <rect
                    key={series[s]?.name ?? s}
                    className={`chart-s${s + 1}`}
                    x={x}
                    width={barW}
                    y={y(top)}
                    height={Math.max(0, y(base) - y(top))}
                  >
                    <title>{`${point.label} · ${series[s]?.name}: ${format(value)}`}</title>
                  </rect>
                );
                base = top;
                return value > 0 ? rect : null;
              })}
              {i % every === 0 && (
                <text
                  className="chart-axis"
                  x={LEFT + slot * i + slot / 2}
                  y={HEIGHT - 8}
                  textAnchor="middle"
                >
                  {point.label}
                </text>
              )}
            </g>
          );
        })}
        <line className="chart-baseline" x1={LEFT} x2={WIDTH - RIGHT} y1={y(0)} y2={y(0)} />
      </svg>
      {series.length > 1 && <Legend series={series} />}
    </figure>
  );
}

/** Stacked horizontal bars, one per name (agents, scores), on one shared scale. */
export function BarList({
  label,
  series,
  items,
  format = String,
  testId,
}: {
  label: string;
  series: readonly Series[];
  items: readonly Point[];
  format?: (n: number) => string;
  testId?: string;
}) {
  const ROW = 26;
  const NAME_W = 140;
  const VALUE_W = 90;
  const height = items.length * ROW + 4;
  const totals = items.map((p) => p.values.reduce((a, b) => a + b, 0));
  const max = Math.max(0, ...totals) || 1;
  const plotW = WIDTH - NAME_W - VALUE_W;
  return (
    <figure className="chart" data-testid={testId}>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={label} className="chart-svg">
        {items.map((item, i) => {
          const rowY = i * ROW + 4;
          let base = 0;
          return (
            <g key={item.label}>
              <text className="chart-axis" x={NAME_W - 8} y={rowY + 9} dy="0.32em" textAnchor="end">
                {item.label.length > 20 ? `${item.label.slice(0, 19)}…` : item.label}
              </text>
              {item.values.map((value, s) => {
                const x = NAME_W + (base / max) * plotW;
                base += value;
                return value > 0 ? (
                  <rect
                    key={series[s]?.name ?? s}
                    className={`chart-s${s + 1}`}
                    x={x}
                    y={rowY}
                    height={18}
                    width={(value / max) * plotW}
                  >
                    <title>{`${item.label} · ${series[s]?.name}: ${format(value)}`}</title>
                  </rect>
                ) : null;
              })}
              <text className="chart-axis" x={WIDTH - VALUE_W + 6} y={rowY + 9} dy="0.32em">
                {format(totals[i]!)}
              </text>
            </g>
          );
        })}
      </svg>
      {series.length > 1 && <Legend series={series} />}
    </figure>
  );
}

/** A rate (0 to 1) as a short bar beside its figure in a table cell. */
export function RateBar({ rate }: { rate: number | null }) {
  return (
    <svg width="64" height="8" className="rate-bar" aria-hidden="true">
      <rect className="rate-bar-track" width="64" height="8" rx="4" />
      {rate !== null && rate > 0 && (
        <rect className="chart-s1" width={Math.min(1, rate) * 64} height="8" rx="4" />
      )}
    </svg>
  );
}
