// Google Sign-In: ID tokens signed with keys this test generates, checked by
// the server against a JWKS file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, createSign } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, api } from './lib.mjs';

const CLIENT = 'candor-test.apps.googleusercontent.com';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
const dir = mkdtempSync(join(tmpdir(), 'candor-jwks-'));
const jwksFile = join(dir, 'jwks.json');
writeFileSync(jwksFile, JSON.stringify({ keys: [jwk] }));

function idToken(claims, { kid = 'k1', key = privateKey } = {}) {
  const b = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b({ alg: 'RS256', kid, typ: 'JWT' })}.${b(claims)}`;
  const sig = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${sig}`;
}
const now = () => Math.floor(Date.now() / 1000);
const base = (over = {}) => ({ iss: 'https://accounts.google.com', aud: CLIENT, sub: '1234567890',
  email: 'grace@college.edu', email_verified: true, name: 'Grace Hopper', hd: 'college.edu',
  iat: now(), exp: now() + 3600, ...over });

let srv;
before(async () => {
  srv = await startServer(['--google-client-id', CLIENT, '--google-jwks', jwksFile,
    '--google-hosted-domains', 'college.edu', '--allowed-domains', 'college.edu']);
});
after(async () => { assert.equal((await srv.stop()).code, 0); });

test('the sign-in options advertise Google', async () => {
  const c = await api(srv.base, 'GET', '/api/auth/config');
  assert.equal(c.body.google_client_id, CLIENT);
  assert.deepEqual(c.body.allowed_domains, ['college.edu']);
});

test('a valid ID token signs the student in, and again as the same account', async () => {
  const a = await api(srv.base, 'POST', '/api/auth/google', { body: { id_token: idToken(base()) } });
  assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.equal(a.body.user.email, 'grace@college.edu');
  assert.equal(a.body.user.role, 'student');
  const b = await api(srv.base, 'POST', '/api/auth/google', { body: { id_token: idToken(base()) } });
  assert.equal(b.body.user.id, a.body.user.id);
});

test('bad ID tokens are refused', async () => {
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const cases = {
    wrong_audience: idToken(base({ aud: 'someone-else' })),
    wrong_issuer: idToken(base({ iss: 'https://evil.example' })),
    expired: idToken(base({ iat: now() - 7200, exp: now() - 3600 })),
    unverified_email: idToken(base({ email_verified: false })),
    wrong_hosted_domain: idToken(base({ hd: 'elsewhere.edu', email: 'x@elsewhere.edu' })),
    wrong_key: idToken(base(), { key: other }),
    unknown_kid: idToken(base(), { kid: 'nope' }),
  };
  for (const [name, tok] of Object.entries(cases)) {
    const r = await api(srv.base, 'POST', '/api/auth/google', { body: { id_token: tok } });
    assert.ok(r.status === 401 || r.status === 403, `${name}: ${r.status} ${JSON.stringify(r.body)}`);
  }
});

test('registration outside the allowlist is refused', async () => {
  const r = await api(srv.base, 'POST', '/api/auth/register', { body: { email: 'x@gmail.com', password: 'Str0ng-passphrase!', name: 'X' } });
  assert.equal(r.status, 403);
  assert.equal(r.body.error.field, 'email');
});
