// The dashboard's score trend: a small hand-drawn SVG line chart (no chart
// library: it keeps the bundle small and needs no inline styles). A table
// with the same numbers follows for screen readers.

import type { TrendPoint } from '../api/types';
import { DEFAULT_BOX, prepareTrend } from '../lib/chart';
import { formatDate, formatScore } from '../lib/time';

export function LineChart(props: { trend: TrendPoint[]; roleLabel: (id: string) => string }) {
  const box = DEFAULT_BOX;
  const d = prepareTrend(props.trend, box);
  const last = d.points[d.points.length - 1];
  const summary = last
    ? `Score trend over ${d.points.length} interview${d.points.length === 1 ? '' : 's'}; latest ${formatScore(last.score)} out of 10, average ${formatScore(d.average)}.`
    : 'No finished interviews yet.';
  return (
    <figure class="chart" data-testid="trend-chart">
      <svg viewBox={`0 0 ${box.width} ${box.height}`} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
        {d.yTicks.map((t) => (
          <g key={t.value}>
            <line x1={box.padLeft} x2={box.width - box.padRight} y1={t.y} y2={t.y} class="grid" />
            <text x={box.padLeft - 8} y={t.y + 4} class="tick" text-anchor="end">
              {t.value % 1 === 0 ? t.value : ''}
            </text>
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
          return (
            <text key={`x${i}`} x={p.x} y={box.height - 8} class="tick" text-anchor="middle">
              {formatDate(p.date).replace(/ \d{4}$/, '')}
            </text>
          );
        })}
      </svg>
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
