/**
 * Charts as server-rendered SVG: no script, readable without JavaScript, printable. Each chart has
 * a title for screen readers and its numbers in a table underneath.
 */

export interface Series {
  key: string;
  label: string;
  color: string;
}

const PALETTE = ['#0b4f8a', '#d68910', '#1e8449', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d', '#2c3e50'];

export function palette(i: number): string {
  return PALETTE[i % PALETTE.length] ?? '#0b4f8a';
}

/** A round, readable axis maximum at or above `n`. */
export function niceMax(n: number): number {
  if (n <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= n) return m * step;
  return 10 * step;
}

/** Whole-number axis ticks (counts), at most about five, from 0 to a round top at or above `n`. */
export function countTicks(n: number): number[] {
  const raw = Math.max(1, n) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const top = Math.max(step, Math.ceil(Math.max(1, n) / step) * step);
  return Array.from({ length: top / step + 1 }, (_, i) => i * step);
}

function Legend({ series }: { series: Series[] }) {
  return (
    <ul class="legend">
      {series.map((s) => (
        <li>
          <svg viewBox="0 0 12 12" aria-hidden="true">
            <rect width="12" height="12" fill={s.color} />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** Columns per period, stacked by series (cases per week by outcome). */
export function StackedColumns(props: { id: string; title: string; periods: string[]; series: Series[]; value: (period: string, key: string) => number; empty: string }) {
  const { periods, series, value } = props;
  const totals = periods.map((p) => series.reduce((sum, s) => sum + value(p, s.key), 0));
  if (totals.every((n) => n === 0)) return <p class="muted">{props.empty}</p>;
  const ticks = countTicks(Math.max(...totals));
  const max = ticks.at(-1) ?? 1;
  const width = 800;
  const height = 260;
  const left = 40;
  const bottom = 40;
  const top = 10;
  const plot = height - bottom - top;
  const slot = (width - left - 10) / Math.max(periods.length, 1);
  const bar = Math.min(48, slot * 0.7);
  return (
    <figure>
      <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${props.id}-title`}>
        <title id={`${props.id}-title`}>{props.title}</title>
        {ticks.map((tick) => {
          const y = top + plot - (tick / max) * plot;
          return (
            <g>
              <line class="axis" x1={left} x2={width - 10} y1={y} y2={y} />
              <text x={left - 6} y={y + 4} text-anchor="end">
                {tick}
              </text>
            </g>
          );
        })}
        {periods.map((p, i) => {
          const x = left + i * slot + (slot - bar) / 2;
          let y = top + plot;
          return (
            <g>
              {series.map((s) => {
                const n = value(p, s.key);
                const h = (n / max) * plot;
                y -= h;
                return n > 0 ? (
                  <rect x={x} y={y} width={bar} height={h} fill={s.color}>
                    <title>{`${p} · ${s.label}: ${n}`}</title>
                  </rect>
                ) : null;
              })}
              <text x={x + bar / 2} y={height - bottom + 16} text-anchor="middle">
                {p.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
    </figure>
  );
}

/** Horizontal bars, one row per label, one bar per series (by language, funnel, nationality). */
export function HorizontalBars(props: { id: string; title: string; rows: Array<{ label: string; values: number[]; note?: string }>; series: Series[]; empty: string }) {
  const { rows, series } = props;
  if (rows.length === 0 || rows.every((r) => r.values.every((n) => n === 0))) return <p class="muted">{props.empty}</p>;
  const max = niceMax(Math.max(...rows.flatMap((r) => r.values)));
  // Narrow: these sit in half-width cards, and the text should stay readable there.
  const width = 520;
  const label = 170;
  const barH = 16;
  const gap = 4;
  const rowH = series.length * (barH + gap) + 10;
  const height = rows.length * rowH + 10;
  const plot = width - label - 70;
  return (
    <figure>
      <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${props.id}-title`}>
        <title id={`${props.id}-title`}>{props.title}</title>
        {rows.map((r, i) => {
          const y0 = 5 + i * rowH;
          return (
            <g>
              <text x={label - 8} y={y0 + (series.length * (barH + gap)) / 2 + 4} text-anchor="end">
                {r.label}
              </text>
              {r.values.map((n, j) => {
                const y = y0 + j * (barH + gap);
                const w = Math.max((n / max) * plot, n > 0 ? 2 : 0);
                return (
                  <g>
                    <rect x={label} y={y} width={w} height={barH} fill={series[j]?.color ?? palette(j)}>
                      <title>{`${r.label} · ${series[j]?.label ?? ''}: ${n}`}</title>
                    </rect>
                    <text x={label + w + 6} y={y + barH - 4}>
                      {j === 0 && r.note ? `${n} (${r.note})` : n}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && <Legend series={series} />}
    </figure>
  );
}
