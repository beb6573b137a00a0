import { describe, expect, it } from 'vitest';
import { googleAuthUrl, jwtPayload, parseGoogleCallback, safeNext } from './google';

const b64url = (o: unknown) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const token = (payload: unknown) => `${b64url({ alg: 'RS256' })}.${b64url(payload)}.sig`;
const pending = { state: 's1', nonce: 'n1', next: '/interviews/new' };

describe('google sign-in', () => {
  it('builds an implicit-flow URL returning to /auth/google', () => {
    const u = new URL(googleAuthUrl('cid.apps', 'https://candor.example', pending));
    expect(u.origin).toBe('https://accounts.google.com');
    expect(u.searchParams.get('redirect_uri')).toBe('https://candor.example/auth/google');
    expect(u.searchParams.get('response_type')).toBe('id_token');
    expect(u.searchParams.get('nonce')).toBe('n1');
  });
  it('accepts a matching state and nonce', () => {
    const t = token({ nonce: 'n1', email: 'é@x.edu' });
    expect(jwtPayload(t)?.email).toBe('é@x.edu');
    expect(parseGoogleCallback(`#state=s1&id_token=${t}`, pending)).toEqual({ ok: true, idToken: t, next: '/interviews/new' });
  });
  it('rejects mismatches, errors and missing attempts', () => {
    const t = token({ nonce: 'other' });
    expect(parseGoogleCallback(`#state=s1&id_token=${t}`, pending).ok).toBe(false);
    expect(parseGoogleCallback(`#state=s2&id_token=${token({ nonce: 'n1' })}`, pending).ok).toBe(false);
    expect(parseGoogleCallback('#error=access_denied', pending)).toEqual({ ok: false, message: 'Google sign-in was cancelled.' });
    expect(parseGoogleCallback(`#state=s1&id_token=${token({ nonce: 'n1' })}`, null).ok).toBe(false);
    expect(parseGoogleCallback('#state=s1&id_token=garbage', pending).ok).toBe(false);
  });
  it('only follows same-origin paths after login', () => {
    expect(safeNext('/interviews/3')).toBe('/interviews/3');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/\\evil')).toBe('/');
    expect(safeNext('/login')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
