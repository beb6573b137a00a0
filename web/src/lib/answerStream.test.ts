import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { readAnswer } from './answerStream';

const RESULT = { next: { seq: 2, kind: 'follow_up', question_id: 1, text: 'Why Kafka?', type: 'technical', difficulty: 'easy', time_limit_s: 90 }, interview: { id: 1 } };

function streamed(parts: string[], type = 'text/event-stream; charset=utf-8'): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of parts) c.enqueue(enc.encode(p));
      c.close();
    },
  });
  return new Response(body, { headers: { 'Content-Type': type } });
}

describe('readAnswer', () => {
  it('accumulates delta events word by word, then returns the result', async () => {
    const seen: string[] = [];
    const res = streamed(['event: delta\ndata: {"text":"Why "}\n', '\nevent: delta\ndata: {"text":"Kafka?"}\n\n', `event: result\ndata: ${JSON.stringify(RESULT)}\n\n`]);
    const out = await readAnswer(res, (s) => seen.push(s));
    expect(seen).toEqual(['Why ', 'Why Kafka?']);
    expect(out.next?.text).toBe('Why Kafka?');
  });

  it('falls back to plain JSON when the reply is not an event stream', async () => {
    const seen: string[] = [];
    const out = await readAnswer(new Response(JSON.stringify(RESULT), { headers: { 'Content-Type': 'application/json' } }), (s) => seen.push(s));
    expect(out.next?.seq).toBe(2);
    expect(seen).toEqual([]);
  });

  it('turns an error event into an ApiError carrying the server message', async () => {
    const res = streamed(['event: delta\ndata: {"text":"Wh"}\n\n', 'event: error\ndata: {"error":{"code":"unavailable","message":"the model provider timed out"}}\n\n']);
    const err = await readAnswer(res, () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe('the model provider timed out');
    expect((err as ApiError).code).toBe('unavailable');
  });

  it('reports a stream cut before the result instead of hanging or inventing one', async () => {
    const res = streamed(['event: delta\ndata: {"text":"Why "}\n\n', 'event: result\ndata: {"next":nu']);
    await expect(readAnswer(res, () => undefined)).rejects.toThrow(/ended before the result/);
  });

  it('reports malformed event data clearly', async () => {
    await expect(readAnswer(streamed(['event: result\ndata: not json\n\n']), () => undefined)).rejects.toThrow(/malformed "result"/);
  });
});
