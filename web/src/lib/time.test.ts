import { describe, expect, it } from 'vitest';
import { formatClock, formatDate, formatScore, spokenDuration, timerView, toMillis } from './time';

describe('formatClock', () => {
  it('formats minutes and seconds, rounding down', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(999)).toBe('0:00');
    expect(formatClock(61_500)).toBe('1:01');
    expect(formatClock(600_000)).toBe('10:00');
  });
  it('switches to hours and survives bad input', () => {
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatClock(-5)).toBe('0:00');
    expect(formatClock(Number.NaN)).toBe('0:00');
  });
});

describe('timerView', () => {
  it('counts down, rounding remaining time up', () => {
    expect(timerView(0, 120)).toMatchObject({ text: '2:00', overtime: false, low: false });
    expect(timerView(500, 120).text).toBe('2:00');
    expect(timerView(1000, 120).text).toBe('1:59');
  });
  it('warns when little time is left', () => {
    expect(timerView(95_000, 120).low).toBe(true);
    expect(timerView(80_000, 120).low).toBe(false);
  });
  it('shows overtime with a plus sign', () => {
    expect(timerView(120_000, 120)).toMatchObject({ text: '+0:00', overtime: true });
    expect(timerView(125_400, 120)).toMatchObject({ text: '+0:05', overtime: true, spoken: '5 seconds over time' });
  });
  it('counts up when there is no limit', () => {
    expect(timerView(65_000, 0)).toMatchObject({ text: '1:05', spoken: '1 minute 5 seconds elapsed' });
  });
});

describe('spokenDuration / formatScore', () => {
  it('reads naturally', () => {
    expect(spokenDuration(60_000)).toBe('1 minute');
    expect(spokenDuration(1_000)).toBe('1 second');
    expect(spokenDuration(0)).toBe('0 seconds');
  });
  it('formats scores with one decimal', () => {
    expect(formatScore(7)).toBe('7.0');
    expect(formatScore(6.66)).toBe('6.7');
    expect(formatScore(null)).toBe('—');
  });
});

describe('toMillis / formatDate', () => {
  it('reads Unix seconds, milliseconds, numeric strings and ISO-8601 alike', () => {
    const ms = Date.UTC(2026, 10, 21, 11, 51, 55);
    expect(toMillis(ms / 1000)).toBe(ms);
    expect(toMillis(ms)).toBe(ms);
    expect(toMillis(String(ms / 1000))).toBe(ms);
    expect(toMillis(new Date(ms).toISOString())).toBe(ms);
  });
  it('gives NaN and a dash for missing or garbage input', () => {
    expect(toMillis(null)).toBeNaN();
    expect(toMillis('soon')).toBeNaN();
    expect(formatDate(null)).toBe('—');
    expect(formatDate('soon')).toBe('—');
  });
  it('formats a Unix-seconds timestamp in the right year, not 1970', () => {
    expect(formatDate(1795261915, 'en-GB')).toBe('21 Nov 2026');
  });
});
