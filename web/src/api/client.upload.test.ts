import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, type TokenStore } from './client';
import type { Session } from './types';

const session = (n: number): Session => ({
  access_token: `a${n}`,
  refresh_token: `r${n}`,
  expires_in: 900,
  user: { id: 1, email: 's@x.edu', name: 'S', role: 'student', college: null, created_at: 0 },
});

function store(): TokenStore {
  let v: string | null = null;
  return { get: () => v, set: (t) => (v = t) };
}

interface Seen {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A server whose first upload gets 401 (expired token), then answers with what it received. */
function uploadServer(reply: (seen: Seen) => Response) {
  const seen: Seen[] = [];
  let expired = true;
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const path = String(url);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = init?.body instanceof Blob ? await init.body.text() : init?.body instanceof Uint8Array ? new TextDecoder().decode(init.body) : String(init?.body ?? '');
    seen.push({ path, headers, body });
    if (path === '/api/auth/refresh') return new Response(JSON.stringify(session(2)), { status: 200, headers: { 'Content-Type': 'application/json' } });
    if (expired) {
      expired = false;
      return new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'expired' } }), { status: 401 });
    }
    return reply(seen.at(-1)!);
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

describe('ApiClient uploads and streamed replies', () => {
  it('sends the file bytes as-is with their type, and re-sends them after a token refresh', async () => {
    const srv = uploadServer((s) => new Response(JSON.stringify({ id: 7, got: s.body }), { status: 201 }));
    const api = new ApiClient({ fetch: srv.fetch, store: store() });
    api.adopt(session(1));
    const file = new Blob(['%PDF-1.7 résumé'], { type: 'application/pdf' });
    const out = await api.upload<{ id: number; got: string }>('/api/resumes?filename=cv.pdf', file, 'application/pdf');
    expect(out).toEqual({ id: 7, got: '%PDF-1.7 résumé' });
    const uploads = srv.seen.filter((s) => s.path.startsWith('/api/resumes'));
    expect(uploads).toHaveLength(2);
    for (const u of uploads) {
      expect(u.headers['Content-Type']).toBe('application/pdf');
      expect(u.body).toBe('%PDF-1.7 résumé');
    }
    expect(uploads[1]!.headers.Authorization).toBe('Bearer a2');
  });

  it("turns a refused upload into an ApiError with the server's code and message", async () => {
    const srv = uploadServer(() => new Response(JSON.stringify({ error: { code: 'unsupported_media_type', message: 'this is a PNG image' } }), { status: 415 }));
    const api = new ApiClient({ fetch: srv.fetch, store: store() });
    api.adopt(session(1));
    const err = await api.upload('/api/resumes?filename=x.bin', new Uint8Array([0x89, 0x50]), '').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(415);
    expect((err as ApiError).code).toBe('unsupported_media_type');
    expect((err as ApiError).message).toBe('this is a PNG image');
    expect(srv.seen.at(-1)!.headers['Content-Type']).toBe('application/octet-stream');
  });

  it('asks for an event stream when told to and hands back the unread Response', async () => {
    const srv = uploadServer(() => new Response('event: result\ndata: {}\n\n', { status: 200, headers: { 'Content-Type': 'text/event-stream' } }));
    const api = new ApiClient({ fetch: srv.fetch, store: store() });
    api.adopt(session(1));
    const res = await api.response('POST', '/api/interviews/1/answers', { text: 'x', duration_ms: 1 }, { accept: 'text/event-stream' });
    expect(res.headers.get('Content-Type')).toBe('text/event-stream');
    expect(await res.text()).toContain('event: result');
    const sent = srv.seen.filter((s) => s.path.endsWith('/answers'));
    expect(sent.every((s) => s.headers.Accept === 'text/event-stream' && s.headers['Content-Type'] === 'application/json')).toBe(true);
    expect(sent.at(-1)!.body).toBe('{"text":"x","duration_ms":1}');
  });
});
