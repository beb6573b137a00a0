import { describe, expect, it } from 'vitest';
import { byteToIndex, segmentText } from './spans';

describe('byteToIndex', () => {
  it('is the identity for ASCII', () => {
    expect(byteToIndex('hello', 3)).toBe(3);
    expect(byteToIndex('hello', 99)).toBe(5);
    expect(byteToIndex('hello', -1)).toBe(0);
  });
  it('accounts for multi-byte characters', () => {
    // "é" is 2 bytes, "😀" 4 bytes and 2 UTF-16 units.
    const s = 'café 😀 ok';
    expect(byteToIndex(s, 5)).toBe(4); // after "café"
    expect(byteToIndex(s, 6)).toBe(5); // after the space
    expect(byteToIndex(s, 10)).toBe(7); // after the emoji
    expect(s.slice(byteToIndex(s, 11), byteToIndex(s, 13))).toBe('ok');
  });
});

describe('segmentText', () => {
  it('marks spans and keeps the rest plain', () => {
    const segs = segmentText('I led the team and cut latency by 40%.', [
      { start: 2, end: 14, text: 'led the team' },
      { start: 19, end: 37, text: 'cut latency by 40%' },
    ]);
    expect(segs.map((s) => [s.text, s.mark])).toEqual([
      ['I ', -1],
      ['led the team', 0],
      [' and ', -1],
      ['cut latency by 40%', 1],
      ['.', -1],
    ]);
  });
  it('ignores overlapping, empty and null spans', () => {
    const segs = segmentText('abcdef', [{ start: 0, end: 4, text: '' }, { start: 2, end: 5, text: '' }, null, { start: 3, end: 3, text: '' }]);
    expect(segs).toEqual([
      { text: 'abcd', mark: 0 },
      { text: 'ef', mark: -1 },
    ]);
  });
});
