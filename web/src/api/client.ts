// The one place the UI talks HTTP. It owns the session tokens:
// - the access token lives only in memory (a page reload forgets it);
// - the refresh token lives in a TokenStore (localStorage in the browser) so a
//   reload or a new tab can resume the session.
// On a 401 from an authenticated call it refreshes once and retries once; if the
// refresh is refused the session is over and `onSessionLost` fires (the app
// then shows the login page).
//
// Refresh tokens are single use and the server revokes the whole login when one
// is reused, so two refreshes must never race: concurrent callers in this tab
// share one in-flight refresh, and tabs are serialised with a cross-tab lock
// (Web Locks) while the token is read from the store afresh each time.

import type { Session, User } from './types';

export interface TokenStore {
  get(): string | null;
  set(token: string | null): void;
}

/** Runs `fn` while holding a lock shared by every tab of this origin. */
export type RefreshLock = <T>(fn: () => Promise<T>) => Promise<T>;

export interface ClientOptions {
  fetch: typeof fetch;
  store: TokenStore;
  baseUrl?: string;
  lock?: RefreshLock;
  /** Called when a refresh was refused: the user must sign in again. */
  onSessionLost?: () => void;
  /** Called whenever a new session (login, register, refresh) is adopted. */
  onSession?: (session: Session) => void;
}

export interface RequestOptions {
  /** Send the bearer token and refresh on 401 (default true). */
  auth?: boolean;
  signal?: AbortSignal;
  /** The Accept header (default application/json), e.g. text/event-stream for a streamed answer. */
  accept?: string;
}

/** A request body sent as-is (a file upload) instead of as JSON. */
export class RawBody {
  readonly data: Blob | ArrayBuffer | Uint8Array;
  readonly type: string;
  constructor(data: Blob | ArrayBuffer | Uint8Array, type = 'application/octet-stream') {
    this.data = data;
    this.type = type;
  }
}

/** An HTTP error as the server describes it (`{ error: { code, message, field } }`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;
  readonly retryAfter: number | null;

  constructor(status: number, code: string, message: string, field: string | null = null, retryAfter: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

const noLock: RefreshLock = (fn) => fn();

/** The browser's cross-tab lock when it has one, else none (single tab is still safe). */
export function browserLock(): RefreshLock {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return noLock;
  return (fn) => locks.request('candor-refresh', fn) as ReturnType<typeof fn>;
}

export class ApiClient {
  private access: string | null = null;
  private refreshing: Promise<Session | null> | null = null;
  private readonly opts: ClientOptions;

  constructor(opts: ClientOptions) {
    this.opts = opts;
  }

  get hasRefreshToken(): boolean {
    return this.opts.store.get() !== null;
  }

  get accessToken(): string | null {
    return this.access;
  }

  /** Adopts a session returned by login/register/google/refresh. */
  adopt(session: Session): void {
    this.access = session.access_token;
    this.opts.store.set(session.refresh_token);
    this.opts.onSession?.(session);
  }

  /** Forgets both tokens locally (no server call). */
  clear(): void {
    this.access = null;
    this.opts.store.set(null);
  }

  get<T>(path: string, opts?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, undefined, opts);
  }
  post<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, body, opts);
  }
  put<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, body, opts);
  }
  patch<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, body, opts);
  }
  delete<T>(path: string, opts?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, undefined, opts);
  }

  /** Uploads bytes (a resume, a job description file) and parses the JSON reply. */
  upload<T>(path: string, data: Blob | ArrayBuffer | Uint8Array, type?: string, opts?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, new RawBody(data, type || 'application/octet-stream'), opts);
  }

  async request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
    const res = await this.response(method, path, body, opts);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * The successful Response itself (for streamed bodies), after the same
   * token handling as `request`; a non-2xx status is thrown as ApiError.
   */
  async response(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<Response> {
    const auth = opts.auth !== false;
    if (auth && this.access === null) {
      // A reload keeps only the refresh token: trade it for an access token first.
      const session = await this.refresh();
      if (!session) throw this.lost();
    }
    let res = await this.send(method, path, body, auth, opts.signal, opts.accept);
    if (res.status === 401 && auth) {
      const session = await this.refresh();
      if (!session) throw this.lost();
      res = await this.send(method, path, body, auth, opts.signal, opts.accept);
      if (res.status === 401) {
        // A fresh token was refused too: the account was disabled or its role
        // changed. Treat it as a lost session rather than loop.
        this.clear();
        throw this.lost(await toError(res));
      }
    }
    if (!res.ok) throw await toError(res);
    return res;
  }

  /**
   * Trades the stored refresh token for a new session. Returns null when there
   * is none or the server refused it (the stored token is then dropped).
   * Network failures are thrown and keep the token: the user is not signed out
   * because the Wi-Fi blinked.
   */
  refresh(): Promise<Session | null> {
    if (!this.refreshing) {
      this.refreshing = (this.opts.lock ?? noLock)(() => this.refreshNow()).finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async refreshNow(): Promise<Session | null> {
    const token = this.opts.store.get();
    if (!token) return null;
    const res = await this.send('POST', '/api/auth/refresh', { refresh_token: token }, false);
    if (!res.ok) {
      if (res.status >= 500 || res.status === 429) throw await toError(res);
      this.clear();
      return null;
    }
    const session = (await res.json()) as Session;
    this.adopt(session);
    return session;
  }

  /** Restores the session after a page load; null when signed out. */
  async restore(): Promise<User | null> {
    if (!this.hasRefreshToken) return null;
    const session = await this.refresh();
    return session ? session.user : null;
  }

  /** Revokes the refresh token on the server (best effort) and forgets both tokens. */
  async logout(): Promise<void> {
    const token = this.opts.store.get();
    this.clear();
    if (!token) return;
    try {
      await this.send('POST', '/api/auth/logout', { refresh_token: token }, false);
    } catch {
      // Already forgotten locally; the token expires on its own.
    }
  }

  private lost(cause?: ApiError): ApiError {
    this.access = null;
    this.opts.onSessionLost?.();
    return cause ?? new ApiError(401, 'unauthenticated', 'Your session has ended. Please sign in again.');
  }

  private send(method: string, path: string, body: unknown, auth: boolean, signal?: AbortSignal, accept?: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept ?? 'application/json' };
    if (body instanceof RawBody) headers['Content-Type'] = body.type;
    else if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth && this.access) headers.Authorization = `Bearer ${this.access}`;
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (body instanceof RawBody) init.body = body.data as BodyInit;
    else if (body !== undefined) init.body = JSON.stringify(body);
    if (signal) init.signal = signal;
    return this.opts.fetch((this.opts.baseUrl ?? '') + path, init);
  }
}

/** Turns a non-2xx response into an ApiError, tolerating bodies that are not the documented JSON. */
export async function toError(res: Response): Promise<ApiError> {
  let code = statusCode(res.status);
  let message = res.statusText || `Request failed (${res.status})`;
  let field: string | null = null;
  try {
    const data = (await res.json()) as { error?: { code?: unknown; message?: unknown; field?: unknown } };
    if (data && typeof data.error === 'object' && data.error) {
      if (typeof data.error.code === 'string') code = data.error.code;
      if (typeof data.error.message === 'string') message = data.error.message;
      if (typeof data.error.field === 'string') field = data.error.field;
    }
  } catch {
    // Not JSON (a proxy's error page): keep the status-derived message.
  }
  const ra = Number(res.headers.get('Retry-After'));
  return new ApiError(res.status, code, message, field, Number.isFinite(ra) && ra > 0 ? ra : null);
}

function statusCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'invalid_argument',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    415: 'unsupported_media_type',
    413: 'payload_too_large',
    422: 'unprocessable',
    429: 'rate_limited',
    503: 'unavailable',
  };
  return codes[status] ?? (status >= 500 ? 'internal' : 'unknown');
}

/** Human wording for an error shown in a form or banner. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'rate_limited') {
      return err.retryAfter ? `Too many attempts. Try again in ${err.retryAfter} s.` : 'Too many attempts. Try again shortly.';
    }
    return err.message;
  }
  if (err instanceof TypeError) return 'Cannot reach the Candor server. Check your connection and try again.';
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}
