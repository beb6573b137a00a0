// Turns the score trend from GET /api/progress into coordinates for the small
// SVG line chart on the dashboard. Pure, so it is unit-tested without a DOM.

import type { Timestamp, TrendPoint } from '../api/types';
import { toMillis } from './time';

export const SCORE_MAX = 10;
/** Only the most recent interviews are plotted; older ones crowd the axis. */
export const TREND_MAX_POINTS = 30;

export interface ChartBox {
  width: number;
  height: number;
  /** Space left for axis labels. */
  padLeft: number;
  padRight: number;
  padTop: number;
  padBottom: number;
}

export interface ChartPoint {
  x: number;
  y: number;
  score: number;
  id: TrendPoint['interview_id'];
  role: string;
  date: Timestamp;
}

export interface ChartTick {
  value: number;
  y: number;
}

export interface ChartData {
  points: ChartPoint[];
  /** SVG path "M x y L x y …" through the points; empty with no points. */
  line: string;
  /** Closed path under the line for a soft fill; empty with fewer than two points. */
  area: string;
  yTicks: ChartTick[];
  /** Indices of points whose date is written under the axis (first, last, a few between). */
  xLabelIndices: number[];
  /** Mean of the plotted scores, or null. */
  average: number | null;
}

export const DEFAULT_BOX: ChartBox = { width: 640, height: 220, padLeft: 36, padRight: 16, padTop: 12, padBottom: 30 };

function clampScore(s: number): number {
  if (!Number.isFinite(s)) return 0;
  return Math.min(SCORE_MAX, Math.max(0, s));
}

const round = (v: number) => Math.round(v * 10) / 10;

export function prepareTrend(trend: TrendPoint[], box: ChartBox = DEFAULT_BOX, maxLabels = 5): ChartData {
  // Oldest first; entries without a valid date or score are dropped, not drawn at 0.
  const valid = trend
    .filter((t) => Number.isFinite(t.score) && Number.isFinite(toMillis(t.finished_at)))
    .sort((a, b) => toMillis(a.finished_at) - toMillis(b.finished_at))
    .slice(-TREND_MAX_POINTS);

  const innerW = Math.max(1, box.width - box.padLeft - box.padRight);
  const innerH = Math.max(1, box.height - box.padTop - box.padBottom);
  const yOf = (score: number) => round(box.padTop + innerH * (1 - clampScore(score) / SCORE_MAX));
  const n = valid.length;
  // Evenly spaced by sequence: interviews are events, not a time series with gaps worth showing.
  const xOf = (i: number) => round(n === 1 ? box.padLeft + innerW / 2 : box.padLeft + (innerW * i) / (n - 1));

  const points: ChartPoint[] = valid.map((t, i) => ({
    x: xOf(i),
    y: yOf(t.score),
    score: clampScore(t.score),
    id: t.interview_id,
    role: t.role,
    date: t.finished_at,
  }));

  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
  const baseY = round(box.padTop + innerH);
  const area = points.length >= 2 ? `${line} L${points[points.length - 1]!.x} ${baseY} L${points[0]!.x} ${baseY} Z` : '';

  const yTicks: ChartTick[] = [0, 2.5, 5, 7.5, 10].map((value) => ({ value, y: yOf(value) }));

  const xLabelIndices: number[] = [];
  if (n > 0) {
    const slots = Math.max(1, Math.min(maxLabels, n));
    for (let k = 0; k < slots; k++) {
      const idx = slots === 1 ? n - 1 : Math.round((k * (n - 1)) / (slots - 1));
      if (!xLabelIndices.includes(idx)) xLabelIndices.push(idx);
    }
  }

  const average = n ? points.reduce((s, p) => s + p.score, 0) / n : null;
  return { points, line, area, yTicks, xLabelIndices, average };
}
