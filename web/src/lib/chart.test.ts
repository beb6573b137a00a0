import { describe, expect, it } from 'vitest';
import { DEFAULT_BOX, prepareTrend, TREND_MAX_POINTS } from './chart';
import type { TrendPoint } from '../api/types';

const pt = (id: number, day: number, score: number): TrendPoint => ({
  interview_id: id,
  finished_at: new Date(Date.UTC(2025, 0, day)).toISOString(),
  role: 'backend',
  score,
});

describe('prepareTrend', () => {
  it('is empty without data', () => {
    const d = prepareTrend([]);
    expect(d.points).toEqual([]);
    expect(d.line).toBe('');
    expect(d.area).toBe('');
    expect(d.average).toBeNull();
    expect(d.yTicks.map((t) => t.value)).toEqual([0, 2.5, 5, 7.5, 10]);
  });

  it('centres a single point', () => {
    const d = prepareTrend([pt(1, 1, 5)]);
    const innerW = DEFAULT_BOX.width - DEFAULT_BOX.padLeft - DEFAULT_BOX.padRight;
    expect(d.points[0]!.x).toBeCloseTo(DEFAULT_BOX.padLeft + innerW / 2, 1);
    expect(d.area).toBe('');
    expect(d.xLabelIndices).toEqual([0]);
  });

  it('sorts by date, spans the width and maps 10 to the top and 0 to the bottom', () => {
    const d = prepareTrend([pt(2, 5, 10), pt(1, 1, 0), pt(3, 9, 5)]);
    expect(d.points.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(d.points[0]!.x).toBe(DEFAULT_BOX.padLeft);
    expect(d.points[2]!.x).toBe(DEFAULT_BOX.width - DEFAULT_BOX.padRight);
    expect(d.points[0]!.y).toBe(DEFAULT_BOX.height - DEFAULT_BOX.padBottom);
    expect(d.points[1]!.y).toBe(DEFAULT_BOX.padTop);
    expect(d.line.startsWith(`M${DEFAULT_BOX.padLeft} `)).toBe(true);
    expect(d.line.split('L')).toHaveLength(3);
    expect(d.area.endsWith('Z')).toBe(true);
    expect(d.average).toBeCloseTo(5);
  });

  it('clamps out-of-range scores and drops invalid entries', () => {
    const bad = { interview_id: 9, finished_at: 'not a date', role: 'x', score: 4 };
    const d = prepareTrend([pt(1, 1, 14), pt(2, 2, -3), bad, pt(3, 3, Number.NaN)]);
    expect(d.points.map((p) => p.score)).toEqual([10, 0]);
  });

  it('keeps only the latest points and labels first and last', () => {
    const many = Array.from({ length: 40 }, (_, i) => pt(i, i + 1, i % 10));
    const d = prepareTrend(many);
    expect(d.points).toHaveLength(TREND_MAX_POINTS);
    expect(d.points[0]!.id).toBe(40 - TREND_MAX_POINTS);
    expect(d.xLabelIndices[0]).toBe(0);
    expect(d.xLabelIndices.at(-1)).toBe(TREND_MAX_POINTS - 1);
    expect(d.xLabelIndices.length).toBeLessThanOrEqual(5);
  });
});

describe('prepareTrend with server timestamps', () => {
  it('orders Unix-seconds timestamps correctly', () => {
    const d = prepareTrend([
      { interview_id: 'b', finished_at: 1795262000, role: 'ml', score: 4 },
      { interview_id: 'a', finished_at: 1795261000, role: 'ml', score: 8 },
    ]);
    expect(d.points.map((p) => p.id)).toEqual(['a', 'b']);
  });
});
