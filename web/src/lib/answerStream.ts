// Reading the reply to an answer: either the plain JSON `{ next, interview }`
// or, when the server's AI interviewer streams, Server-Sent Events — `delta`
// pieces of the follow-up as the model writes them, then one `result` (the
// same JSON) or one `error` (the usual error envelope). docs/api.md
// "Streaming".

import { ApiError } from '../api/client';
import type { AnswerResult } from '../api/types';
import { SseParser, type SseEvent } from './sse';

export function isEventStream(res: Response): boolean {
  return (res.headers.get('Content-Type') ?? '').toLowerCase().startsWith('text/event-stream');
}

/** What one event means for the answer being read. */
export type AnswerStep = { kind: 'delta'; text: string } | { kind: 'result'; result: AnswerResult } | { kind: 'error'; error: ApiError } | { kind: 'ignore' };

/** Interprets one event; malformed data is an error the user can read, never a crash. */
export function answerStep(ev: SseEvent): AnswerStep {
  let data: unknown;
  try {
    data = JSON.parse(ev.data);
  } catch {
    if (ev.event === 'delta' || ev.event === 'result' || ev.event === 'error') {
      return { kind: 'error', error: new ApiError(502, 'internal', `The server sent a malformed "${ev.event}" event.`) };
    }
    return { kind: 'ignore' };
  }
  const obj = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  if (ev.event === 'delta') return typeof obj.text === 'string' ? { kind: 'delta', text: obj.text } : { kind: 'ignore' };
  if (ev.event === 'result') {
    if (!obj.interview || typeof obj.interview !== 'object' || !('next' in obj)) {
      return { kind: 'error', error: new ApiError(502, 'internal', 'The server sent a result without the interview.') };
    }
    return { kind: 'result', result: obj as unknown as AnswerResult };
  }
  if (ev.event === 'error') {
    const e = (obj.error && typeof obj.error === 'object' ? obj.error : {}) as Record<string, unknown>;
    return {
      kind: 'error',
      error: new ApiError(
        0,
        typeof e.code === 'string' ? e.code : 'internal',
        typeof e.message === 'string' ? e.message : 'The interviewer failed to answer.',
        typeof e.field === 'string' ? e.field : null,
      ),
    };
  }
  return { kind: 'ignore' };
}

/**
 * Reads the reply to an answer. `onDelta` gets the follow-up text so far
 * (accumulated), each time a piece arrives. Resolves with the result; rejects
 * with an ApiError for an `error` event or a stream that ends without a result.
 */
/** Reading what is left after the result gives up after this long. */
const DRAIN_LIMIT_MS = 10_000;

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const giveUp = setTimeout(() => void reader.cancel().catch(() => undefined), DRAIN_LIMIT_MS);
  try {
    while (!(await reader.read()).done) {
      /* discard */
    }
  } catch {
    /* cancelled or cut: nothing more is needed from it */
  } finally {
    clearTimeout(giveUp);
  }
}

export async function readAnswer(res: Response, onDelta: (soFar: string) => void): Promise<AnswerResult> {
  if (!isEventStream(res) || !res.body) {
    const text = await res.text();
    return JSON.parse(text) as AnswerResult;
  }
  const parser = new SseParser();
  const reader = res.body.getReader();
  let soFar = '';
  const apply = (events: SseEvent[]): AnswerResult | null => {
    for (const ev of events) {
      const step = answerStep(ev);
      if (step.kind === 'delta') {
        soFar += step.text;
        onDelta(soFar);
      } else if (step.kind === 'result') return step.result;
      else if (step.kind === 'error') throw step.error;
    }
    return null;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const result = done ? apply(parser.end()) : apply(parser.push(value));
      if (result) {
        // The server ends the stream right after the result: read it to the
        // end in the background rather than abort the request (an abort is a
        // failed request in the browser's eyes), giving up after a while.
        void drain(reader);
        return result;
      }
      if (done) break;
    }
  } catch (err) {
    reader.cancel().catch(() => undefined);
    throw err;
  }
  throw new ApiError(502, 'internal', 'The answer stream ended before the result arrived. Reload the page to continue.');
}
