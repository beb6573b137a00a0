// "Sign in with Google" without Google's script: the strict CSP allows no
// third-party scripts, so the UI uses the OpenID Connect implicit flow, a
// plain navigation to Google that comes back to /auth/google with the ID
// token in the URL fragment. The server verifies the token (signature, aud,
// iss, exp, hosted domain); the UI checks state and nonce against what it sent
// so a token minted for another login attempt is not accepted.

export const GOOGLE_AUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
export const GOOGLE_CALLBACK_PATH = '/auth/google';

export interface GooglePending {
  state: string;
  nonce: string;
  next: string;
}

export function randomToken(bytes = 16): string {
  const a = new Uint8Array(bytes);
  crypto.getRandomValues(a);
  return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function googleAuthUrl(clientId: string, origin: string, pending: GooglePending, hostedDomain?: string): string {
  const u = new URL(GOOGLE_AUTH_URL);
  u.searchParams.set('client_id', clientId);
  u.searchParams.set('redirect_uri', origin + GOOGLE_CALLBACK_PATH);
  u.searchParams.set('response_type', 'id_token');
  u.searchParams.set('scope', 'openid email profile');
  u.searchParams.set('state', pending.state);
  u.searchParams.set('nonce', pending.nonce);
  u.searchParams.set('prompt', 'select_account');
  if (hostedDomain) u.searchParams.set('hd', hostedDomain);
  return u.toString();
}

/** Reads the payload of a JWT without verifying it (the server verifies). */
export function jwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const b64 = parts[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const json = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const v: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export type GoogleCallback = { ok: true; idToken: string; next: string } | { ok: false; message: string };

/** Checks the fragment Google returned against the pending attempt. */
export function parseGoogleCallback(hash: string, pending: GooglePending | null): GoogleCallback {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const err = p.get('error');
  if (err) return { ok: false, message: err === 'access_denied' ? 'Google sign-in was cancelled.' : `Google sign-in failed (${err}).` };
  if (!pending) return { ok: false, message: 'This sign-in attempt has expired. Please start again.' };
  if (p.get('state') !== pending.state) return { ok: false, message: 'The sign-in response does not match this attempt. Please start again.' };
  const idToken = p.get('id_token');
  if (!idToken) return { ok: false, message: 'Google did not return an ID token.' };
  const payload = jwtPayload(idToken);
  if (!payload || payload.nonce !== pending.nonce) return { ok: false, message: 'The ID token does not belong to this sign-in attempt.' };
  return { ok: true, idToken, next: pending.next };
}

/** Only same-origin paths may be used as a post-login destination. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith('/register') || next.startsWith(GOOGLE_CALLBACK_PATH)) return '/';
  return next;
}
