import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, errorMessage, type TokenStore } from './client';
import type { Session } from './types';

// A fake Candor auth server: it issues numbered tokens, accepts each refresh
// token once and revokes everything when a used one comes back, as the real one does.
function fakeServer() {
  let n = 0;
  const liveAccess = new Set<string>();
  const liveRefresh = new Set<string>();
  const usedRefresh = new Set<string>();
  const calls: { method: string; path: string; auth: string | null; body: unknown }[] = [];
  let refreshStatus = 200;

  const issue = (): Session => {
    n++;
    const s: Session = {
      access_token: `a${n}`,
      refresh_token: `r${n}`,
      expires_in: 900,
      user: { id: 1, email: 's@x.edu', name: 'S', role: 'student', college: null, created_at: '2025-01-01T00:00:00Z' },
    };
    liveAccess.add(s.access_token);
    liveRefresh.add(s.refresh_token);
    return s;
  };
  const json = (status: number, body: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const path = String(url);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const auth = headers.Authorization ?? null;
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method: init?.method ?? 'GET', path, auth, body });
    await Promise.resolve();
    if (path === '/api/auth/refresh') {
      if (refreshStatus !== 200) return json(refreshStatus, { error: { code: 'internal', message: 'down' } });
      const t = (body as { refresh_token: string }).refresh_token;
      if (usedRefresh.has(t)) {
        liveAccess.clear();
        liveRefresh.clear();
        return json(401, { error: { code: 'unauthenticated', message: 'refresh token reused' } });
      }
      if (!liveRefresh.has(t)) return json(401, { error: { code: 'unauthenticated', message: 'bad token' } });
      liveRefresh.delete(t);
      usedRefresh.add(t);
      return json(200, issue());
    }
    if (path === '/api/auth/logout') return json(204, undefined);
    if (path === '/api/bad') return json(400, { error: { code: 'invalid_argument', message: "'role' is required", field: 'role' } });
    if (!auth || !liveAccess.has(auth.slice('Bearer '.length))) {
      return json(401, { error: { code: 'unauthenticated', message: 'token expired' } });
    }
    return json(200, { ok: true, path });
  };

  return {
    fetch: fetch as typeof globalThis.fetch,
    calls,
    issue,
    expireAccess: () => liveAccess.clear(),
    setRefreshStatus: (s: number) => (refreshStatus = s),
  };
}

function memStore(initial: string | null = null): TokenStore & { value: string | null } {
  return {
    value: initial,
    get() {
      return this.value;
    },
    set(t) {
      this.value = t;
    },
  };
}

describe('ApiClient', () => {
  it('sends the access token and returns the JSON body', async () => {
    const srv = fakeServer();
    const store = memStore();
    const api = new ApiClient({ fetch: srv.fetch, store });
    api.adopt(srv.issue());
    await expect(api.get('/api/me')).resolves.toEqual({ ok: true, path: '/api/me' });
    expect(srv.calls[0]!.auth).toBe('Bearer a1');
    expect(store.value).toBe('r1');
  });

  it('refreshes once on 401 and retries with the new token', async () => {
    const srv = fakeServer();
    const store = memStore();
    const sessions: string[] = [];
    const api = new ApiClient({ fetch: srv.fetch, store, onSession: (s) => sessions.push(s.access_token) });
    api.adopt(srv.issue());
    srv.expireAccess();
    await expect(api.get('/api/interviews')).resolves.toMatchObject({ ok: true });
    expect(srv.calls.map((c) => c.path)).toEqual(['/api/interviews', '/api/auth/refresh', '/api/interviews']);
    expect(srv.calls[2]!.auth).toBe('Bearer a2');
    expect(store.value).toBe('r2');
    expect(sessions).toEqual(['a1', 'a2']);
  });

  it('shares one refresh between concurrent 401s, so the single-use token is never reused', async () => {
    const srv = fakeServer();
    const store = memStore();
    let lost = 0;
    const api = new ApiClient({ fetch: srv.fetch, store, onSessionLost: () => lost++ });
    api.adopt(srv.issue());
    srv.expireAccess();
    const results = await Promise.all([api.get('/api/a'), api.get('/api/b'), api.get('/api/c')]);
    expect(results).toHaveLength(3);
    expect(srv.calls.filter((c) => c.path === '/api/auth/refresh')).toHaveLength(1);
    expect(lost).toBe(0);
  });

  it('signs out when the refresh is refused and does not retry again', async () => {
    const srv = fakeServer();
    const store = memStore('r-unknown');
    let lost = 0;
    const api = new ApiClient({ fetch: srv.fetch, store, onSessionLost: () => lost++ });
    const err = await api.get('/api/me').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect(lost).toBe(1);
    expect(store.value).toBeNull();
    expect(srv.calls.map((c) => c.path)).toEqual(['/api/auth/refresh']);
  });

  it('restores a session after reload from the stored refresh token', async () => {
    const srv = fakeServer();
    const first = srv.issue();
    const store = memStore(first.refresh_token);
    const api = new ApiClient({ fetch: srv.fetch, store });
    const user = await api.restore();
    expect(user?.email).toBe('s@x.edu');
    expect(api.accessToken).toBe('a2');
    await expect(api.get('/api/me')).resolves.toMatchObject({ ok: true });
  });

  it('keeps the refresh token when the server is unavailable', async () => {
    const srv = fakeServer();
    const store = memStore();
    let lost = 0;
    const api = new ApiClient({ fetch: srv.fetch, store, onSessionLost: () => lost++ });
    api.adopt(srv.issue());
    srv.expireAccess();
    srv.setRefreshStatus(503);
    await expect(api.get('/api/me')).rejects.toMatchObject({ status: 503 });
    expect(store.value).toBe('r1');
    expect(lost).toBe(0);
  });

  it('does not refresh for unauthenticated calls such as login', async () => {
    const srv = fakeServer();
    const api = new ApiClient({ fetch: srv.fetch, store: memStore('r0') });
    await expect(api.post('/api/login-ish', { a: 1 }, { auth: false })).rejects.toMatchObject({ status: 401 });
    expect(srv.calls.map((c) => c.path)).toEqual(['/api/login-ish']);
    expect(srv.calls[0]!.auth).toBeNull();
  });

  it('turns the error envelope into an ApiError with code and field', async () => {
    const srv = fakeServer();
    const api = new ApiClient({ fetch: srv.fetch, store: memStore() });
    const err = (await api.get('/api/bad', { auth: false }).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('invalid_argument');
    expect(err.field).toBe('role');
    expect(errorMessage(err)).toBe("'role' is required");
  });

  it('serialises refreshes through the cross-tab lock', async () => {
    const srv = fakeServer();
    const store = memStore();
    const order: string[] = [];
    const lock = async <T>(fn: () => Promise<T>) => {
      order.push('lock');
      const r = await fn();
      order.push('unlock');
      return r;
    };
    const api = new ApiClient({ fetch: srv.fetch, store, lock });
    api.adopt(srv.issue());
    // Another tab rotated the token meanwhile: the client must read the store
    // afresh inside the lock rather than reuse the token it saw earlier.
    const other = new ApiClient({ fetch: srv.fetch, store });
    await other.refresh();
    srv.expireAccess();
    await expect(api.get('/api/me')).resolves.toMatchObject({ ok: true });
    expect(order).toEqual(['lock', 'unlock']);
    const refreshes = srv.calls.filter((c) => c.path === '/api/auth/refresh').map((c) => (c.body as { refresh_token: string }).refresh_token);
    expect(refreshes).toEqual(['r1', 'r2']);
  });

  it('logout revokes the refresh token and forgets both tokens', async () => {
    const srv = fakeServer();
    const store = memStore();
    const api = new ApiClient({ fetch: srv.fetch, store });
    api.adopt(srv.issue());
    await api.logout();
    expect(store.value).toBeNull();
    expect(api.accessToken).toBeNull();
    expect(srv.calls.at(-1)).toMatchObject({ path: '/api/auth/logout', body: { refresh_token: 'r1' } });
  });
});

describe('ApiClient edge cases', () => {
  it('treats a 401 on the retried call as a lost session instead of looping', async () => {
    let lost = 0;
    const calls: string[] = [];
    const fetch = (async (url: string) => {
      calls.push(String(url));
      if (url === '/api/auth/refresh') {
        return new Response(JSON.stringify({ access_token: 'a', refresh_token: 'r2', expires_in: 900, user: {} }), { status: 200 });
      }
      return new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'account disabled' } }), { status: 401 });
    }) as unknown as typeof globalThis.fetch;
    const store = memStore('r1');
    const api = new ApiClient({ fetch, store, onSessionLost: () => lost++ });
    const err = (await api.get('/api/me').catch((e: unknown) => e)) as ApiError;
    expect(err.message).toBe('account disabled');
    expect(lost).toBe(1);
    expect(store.value).toBeNull();
    // refresh (no access token yet), call, refresh after 401, call again: then stop.
    expect(calls).toEqual(['/api/auth/refresh', '/api/me', '/api/auth/refresh', '/api/me']);
  });

  it('reports network failures in plain words and keeps non-JSON errors readable', async () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/Cannot reach/);
    const fetch = (async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })) as unknown as typeof globalThis.fetch;
    const api = new ApiClient({ fetch, store: memStore() });
    const err = (await api.get('/api/meta', { auth: false }).catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(502);
    expect(err.code).toBe('internal');
    expect(err.message).toBe('Bad Gateway');
  });

  it('shows the Retry-After delay for rate limiting', async () => {
    const fetch = (async () =>
      new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), { status: 429, headers: { 'Retry-After': '30' } })) as unknown as typeof globalThis.fetch;
    const api = new ApiClient({ fetch, store: memStore() });
    const err = await api.post('/api/auth/login', {}, { auth: false }).catch((e: unknown) => e);
    expect(errorMessage(err)).toBe('Too many attempts. Try again in 30 s.');
  });
});
