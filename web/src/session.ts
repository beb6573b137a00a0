// The signed-in user, shared by every page. Owns the one ApiClient of the app.
// The refresh token is kept in localStorage so reloads and new tabs stay signed
// in; the access token never leaves memory.

import { useEffect, useState } from 'preact/hooks';
import { ApiClient, browserLock, type TokenStore } from './api/client';
import type { AuthConfig, Meta, User } from './api/types';
import { currentPath, navigate, withQuery } from './router';

const REFRESH_KEY = 'candor.refresh_token';

const localStore: TokenStore = {
  get() {
    try {
      return localStorage.getItem(REFRESH_KEY);
    } catch {
      return null; // storage disabled: the session lasts as long as the page
    }
  },
  set(token) {
    try {
      if (token === null) localStorage.removeItem(REFRESH_KEY);
      else localStorage.setItem(REFRESH_KEY, token);
    } catch {
      /* see get() */
    }
  },
};

interface SessionState {
  user: User | null;
  /** False until the stored refresh token has been tried after page load. */
  ready: boolean;
}

let state: SessionState = { user: null, ready: false };
const listeners = new Set<() => void>();

function setState(next: Partial<SessionState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

const PUBLIC_PATHS = ['/login', '/register', '/auth/google'];

export const api = new ApiClient({
  fetch: (input, init) => fetch(input, init),
  store: localStore,
  lock: browserLock(),
  onSession: (s) => setState({ user: s.user }),
  onSessionLost: () => {
    setState({ user: null });
    const here = currentPath();
    if (!PUBLIC_PATHS.includes(here)) navigate(withQuery('/login', { next: here, expired: 1 }), { replace: true });
  },
});

export async function restoreSession(): Promise<void> {
  try {
    await api.restore();
  } catch {
    // Server unreachable: show the login page; the token is kept for later.
  }
  setState({ ready: true });
}

export async function signOut(): Promise<void> {
  await api.logout();
  setState({ user: null });
  navigate('/login', { replace: true });
}

export function useSession(): SessionState {
  const [, setTick] = useState(0);
  const seen = state;
  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    // Effects run after paint: catch a change that happened in between.
    if (state !== seen) l();
    return () => {
      listeners.delete(l);
    };
  }, []);
  return state;
}

// Static deployment data, fetched once per page load.
let metaPromise: Promise<Meta> | null = null;
export function loadMeta(): Promise<Meta> {
  if (!metaPromise) {
    metaPromise = api.get<Meta>('/api/meta', { auth: false }).catch((e: unknown) => {
      metaPromise = null;
      throw e;
    });
  }
  return metaPromise;
}

let configPromise: Promise<AuthConfig> | null = null;
export function loadAuthConfig(): Promise<AuthConfig> {
  if (!configPromise) {
    configPromise = api.get<AuthConfig>('/api/auth/config', { auth: false }).catch((e: unknown) => {
      configPromise = null;
      throw e;
    });
  }
  return configPromise;
}

const ROLE_FALLBACK: Record<string, string> = {
  frontend: 'Frontend',
  backend: 'Backend',
  fullstack: 'Full-stack',
  ml: 'ML / data',
  dsa: 'Data structures & algorithms',
  devops: 'DevOps',
  mobile: 'Mobile',
  hr: 'HR / behavioural',
};

export function roleLabel(id: string, meta?: Meta | null): string {
  return meta?.roles.find((r) => r.id === id)?.label ?? ROLE_FALLBACK[id] ?? id;
}
