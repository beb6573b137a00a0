// The dashboard's score trend: a small hand-drawn SVG line chart (no chart
// library: it keeps the bundle small and needs no inline styles). It is drawn
// at the container's real pixel width so labels keep their size on phones. A
// table with the same numbers follows for screen readers.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { TrendPoint } from '../api/types';
import { DEFAULT_BOX, prepareTrend, type ChartBox } from '../lib/chart';
import { formatDate, formatScore, formatShortDate } from '../lib/time';

const MIN_WIDTH = 260;

function boxFor(width: number): ChartBox {
  const w = Math.max(MIN_WIDTH, Math.round(width));
  const h = Math.round(Math.min(260, Math.max(170, w * 0.32)));
  return { ...DEFAULT_BOX, width: w, height: h };
}

export function LineChart(props: { trend: TrendPoint[]; roleLabel: (id: string) => string }) {
  const wrap = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<ChartBox>(DEFAULT_BOX);
  useEffect(() => {
    const el = wrap.current;
    if (!el) return undefined;
    const measure = () => setBox((b) => (Math.abs(b.width - el.clientWidth) > 1 ? boxFor(el.clientWidth) : b));
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const d = prepareTrend(props.trend, box, box.width < 480 ? 3 : 6);
  const last = d.points[d.points.length - 1];
  const summary = last
    ? `Score trend over ${d.points.length} interview${d.points.length === 1 ? '' : 's'}; latest ${formatScore(last.score)} out of 10, average ${formatScore(d.average)}.`
    : 'No finished interviews yet.';
  return (
    <figure class="chart" data-testid="trend-chart">
      <div ref={wrap} class="chart-canvas">
        <svg width={box.width} height={box.height} viewBox={`0 0 ${box.width} ${box.height}`} role="img" aria-label={summary}>
          {d.yTicks.map((t) => (
            <g key={t.value}>
              <line x1={box.padLeft} x2={box.width - box.padRight} y1={t.y} y2={t.y} class={t.value === 0 ? 'axis' : 'grid'} />
              {t.value % 5 === 0 ? (
                <text x={box.padLeft - 10} y={t.y + 4} class="tick" text-anchor="end">
                  {t.value}
                </text>
              ) : null}
            </g>
          ))}
          {d.area ? <path d={d.area} class="area" /> : null}
          {d.line ? <path d={d.line} class="line" /> : null}
          {d.points.map((p) => (
            <circle key={String(p.id)} cx={p.x} cy={p.y} r={4.5} class="dot">
              <title>{`${formatDate(p.date)} · ${props.roleLabel(p.role)}: ${formatScore(p.score)}`}</title>
            </circle>
          ))}
          {d.xLabelIndices.map((i) => {
            const p = d.points[i]!;
            const anchor = d.points.length > 1 && i === 0 ? 'start' : d.points.length > 1 && i === d.points.length - 1 ? 'end' : 'middle';
            return (
              <text key={`x${i}`} x={p.x} y={box.height - 8} class="tick" text-anchor={anchor}>
                {formatShortDate(p.date)}
              </text>
            );
          })}
        </svg>
      </div>
      <figcaption class="sr-only">{summary}</figcaption>
      <table class="sr-only">
        <caption>Scores of finished interviews</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Role</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {d.points.map((p) => (
            <tr key={String(p.id)}>
              <td>{formatDate(p.date)}</td>
              <td>{props.roleLabel(p.role)}</td>
              <td>{formatScore(p.score)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
