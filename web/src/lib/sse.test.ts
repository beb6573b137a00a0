import { describe, expect, it } from 'vitest';
import { parseSse, SseParser, type SseEvent } from './sse';

const STREAM =
  ': keep-alive comment\r\n\r\n' +
  'event: delta\r\ndata: {"text":"Why "}\r\n\r\n' +
  'event: delta\ndata: {"text":"Kafka — über?"}\n\n' +
  'event: result\rdata: {"next":null,\rdata: "interview":{}}\r\r' +
  'id: 7\ndata\n\n';

const EXPECTED: SseEvent[] = [
  { event: 'delta', data: '{"text":"Why "}', id: '' },
  { event: 'delta', data: '{"text":"Kafka — über?"}', id: '' },
  { event: 'result', data: '{"next":null,\n"interview":{}}', id: '' },
  { event: 'message', data: '', id: '7' },
];

describe('SseParser', () => {
  it('parses LF, CR and CRLF line ends, comments, multi-line data and empty data', () => {
    expect(parseSse(STREAM)).toEqual(EXPECTED);
  });

  it('gives the same events when the bytes are split at every position', () => {
    const bytes = new TextEncoder().encode(STREAM);
    for (let cut = 1; cut < bytes.length; cut++) {
      const p = new SseParser();
      const got = [...p.push(bytes.slice(0, cut)), ...p.push(bytes.slice(cut)), ...p.end()];
      expect(got, `split at byte ${cut}`).toEqual(EXPECTED);
    }
  });

  it('gives the same events when fed one byte at a time (multi-byte UTF-8 included)', () => {
    const bytes = new TextEncoder().encode(STREAM);
    const p = new SseParser();
    const got: SseEvent[] = [];
    for (const b of bytes) got.push(...p.push(new Uint8Array([b])));
    got.push(...p.end());
    expect(got).toEqual(EXPECTED);
  });

  it('does not take a CR at the end of one chunk and a LF at the start of the next as two line ends', () => {
    const p = new SseParser();
    expect(p.push('data: a\r')).toEqual([]);
    // If the LF were a second line end, the event would be dispatched here.
    expect(p.push('\ndata: b\r')).toEqual([]);
    expect(p.push('\n\r\n')).toEqual([{ event: 'message', data: 'a\nb', id: '' }]);
  });

  it('strips one leading space only, keeps colons in values and ignores unknown fields', () => {
    expect(parseSse('data:  two spaces: and a colon\nretry: 100\nfoo: bar\n\n')).toEqual([{ event: 'message', data: ' two spaces: and a colon', id: '' }]);
  });

  it('drops an event that was never closed by a blank line, and blocks of only comments or event names', () => {
    expect(parseSse(': hi\n\nevent: delta\n\ndata: cut off')).toEqual([]);
  });

  it('skips a byte-order mark at the start of the stream', () => {
    expect(parseSse('\uFEFFdata: x\n\n')).toEqual([{ event: 'message', data: 'x', id: '' }]);
  });

  it('refuses an event larger than the limit instead of growing forever', () => {
    const p = new SseParser();
    const big = 'x'.repeat(64 * 1024);
    expect(() => {
      for (let i = 0; i < 20; i++) p.push(`data: ${big}\n`);
    }).toThrow(/larger than 1 MiB/);
  });
});
