// Evidence spans in a report are byte offsets into the UTF-8 answer text
// (docs/api.md, Span). JavaScript strings index UTF-16 code units, so the UI
// converts before highlighting; a wrong conversion would mark the wrong words
// as soon as an answer contains "é" or an emoji.

import type { Span } from '../api/types';

/** UTF-16 index in `text` of UTF-8 byte offset `byte` (clamped to the text; mid-character offsets round down). */
export function byteToIndex(text: string, byte: number): number {
  if (byte <= 0) return 0;
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + len > byte) return i;
    bytes += len;
    i += cp >= 0x10000 ? 2 : 1;
  }
  return text.length;
}

export interface Segment {
  text: string;
  /** Index into the input spans that covers this segment, or -1 for plain text. */
  mark: number;
}

/**
 * Cuts `text` into plain and highlighted segments. Overlapping spans are
 * resolved in favour of the one that starts first; invalid spans are ignored.
 */
export function segmentText(text: string, spans: (Span | null)[]): Segment[] {
  const ranges = spans
    .map((s, k) => (s ? { start: byteToIndex(text, s.start), end: byteToIndex(text, s.end), k } : null))
    .filter((r): r is { start: number; end: number; k: number } => r !== null && r.end > r.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let pos = 0;
  for (const r of ranges) {
    if (r.start < pos) continue;
    if (r.start > pos) out.push({ text: text.slice(pos, r.start), mark: -1 });
    out.push({ text: text.slice(r.start, r.end), mark: r.k });
    pos = r.end;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), mark: -1 });
  return out;
}
