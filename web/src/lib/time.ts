// Formatting of durations and dates for the interview timer and lists.

import type { Timestamp } from '../api/types';

/** Values below this are taken as seconds since the epoch, above as milliseconds. */
const SECONDS_LIMIT = 1e11;

/**
 * Milliseconds since the epoch for a timestamp from the API: Unix seconds (what
 * the server sends), milliseconds, a numeric string, or ISO-8601. NaN if unusable.
 */
export function toMillis(t: Timestamp | null | undefined): number {
  if (t === null || t === undefined || t === '') return Number.NaN;
  const n = typeof t === 'number' ? t : /^\s*-?\d+(\.\d+)?\s*$/.test(t) ? Number(t) : Number.NaN;
  if (Number.isFinite(n)) return Math.abs(n) < SECONDS_LIMIT ? n * 1000 : n;
  return typeof t === 'string' ? Date.parse(t) : Number.NaN;
}

/** "m:ss" (or "h:mm:ss" from an hour on) for a non-negative duration in ms, rounded down. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export interface TimerView {
  /** What the clock shows: time left, or time over the limit prefixed with "+". */
  text: string;
  /** Words for screen readers, e.g. "1 minute 5 seconds left". */
  spoken: string;
  overtime: boolean;
  /** Under 20% of the limit (or 30 s) left: the UI warns. */
  low: boolean;
}

/**
 * The countdown for an answer: `limitS` seconds allowed, `elapsedMs` spent.
 * Remaining time rounds up (a clock showing 0:00 means time is up) and
 * overtime rounds down, so the display never jumps at the boundary.
 */
export function timerView(elapsedMs: number, limitS: number): TimerView {
  const limitMs = Math.max(0, limitS) * 1000;
  const elapsed = Math.max(0, elapsedMs);
  if (limitMs === 0) {
    return { text: formatClock(elapsed), spoken: `${spokenDuration(elapsed)} elapsed`, overtime: false, low: false };
  }
  const left = limitMs - elapsed;
  if (left > 0) {
    const shown = Math.ceil(left / 1000) * 1000;
    const low = left <= Math.max(30000, limitMs * 0.2);
    return { text: formatClock(shown), spoken: `${spokenDuration(shown)} left`, overtime: false, low };
  }
  const over = -left;
  return { text: `+${formatClock(over)}`, spoken: `${spokenDuration(over)} over time`, overtime: true, low: true };
}

export function spokenDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (m > 0) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  if (s > 0 || m === 0) parts.push(`${s} second${s === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** A short local date, e.g. "3 Mar 2025"; "—" for missing or invalid input. */
export function formatDate(t: Timestamp | null | undefined, locale?: string): string {
  const d = new Date(toMillis(t));
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** Score display with one decimal, or "—" when not scored yet. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return (Math.round(score * 10) / 10).toFixed(1);
}

/** Day and month only, for chart axes, e.g. "3 Mar". */
export function formatShortDate(t: Timestamp | null | undefined, locale?: string): string {
  const d = new Date(toMillis(t));
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
}
