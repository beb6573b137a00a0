// A tiny history-API router: the server answers every non-/api path with
// index.html, so real paths (/interviews/42/report) work on reload and share.

import { useEffect, useState } from 'preact/hooks';

type Listener = () => void;
const listeners = new Set<Listener>();

function notify(): void {
  for (const l of listeners) l();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

export function currentPath(): string {
  return typeof location === 'undefined' ? '/' : location.pathname;
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

/** Re-renders the caller whenever the URL changes. */
export function useLocation(): Location {
  const [, setTick] = useState(0);
  const seen = location.pathname + location.search;
  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    // Effects run after paint: catch a navigation that happened in between.
    if (location.pathname + location.search !== seen) l();
    return () => {
      listeners.delete(l);
    };
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/**
 * Matches "/interviews/:id/report" against a path. Returns the decoded
 * parameters, or null. A trailing slash on the path is ignored.
 */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (seg.startsWith(':')) {
      try {
        params[seg.slice(1)] = decodeURIComponent(s[i]!);
      } catch {
        return null;
      }
    } else if (seg !== s[i]) return null;
  }
  return params;
}

/** Builds a path with a query string from the non-empty values of `q`. */
export function withQuery(path: string, q: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
}
