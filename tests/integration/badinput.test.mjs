// Malformed, oversized, hostile or forged input gets a precise 4xx JSON
// error and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, register, forgeToken } from './lib.mjs';

let srv, student;
before(async () => {
  srv = await startServer();
  student = await register(srv.base);
});
after(async () => {
  const r = await srv.stop();
  assert.equal(r.code, 0, r.log.slice(-2000));
});

const isError = (r, status, code, field) => {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(typeof r.body.error.message, 'string');
  assert.ok(r.body.error.message.length > 5);
  if (code) assert.equal(r.body.error.code, code);
  if (field !== undefined) assert.equal(r.body.error.field, field);
};

test('malformed JSON, wrong types, unknown and missing fields', async () => {
  const reg = (raw) => api(srv.base, 'POST', '/api/auth/register', { raw, headers: { 'content-type': 'application/json' } });
  isError(await reg('{"email": "a@b.edu", '), 400, 'invalid_argument');
  isError(await reg('[]'), 400, 'invalid_argument');
  isError(await reg(''), 400, 'invalid_argument');
  isError(await reg('{"email":"a@b.edu","password":"x","name":"n","admin":true}'), 400, 'invalid_argument', 'admin');
  isError(await reg('{"email":42,"password":"Str0ng-passphrase!","name":"n"}'), 400, 'invalid_argument', 'email');
  isError(await reg('{"password":"Str0ng-passphrase!","name":"n"}'), 400, 'invalid_argument', 'email');
  isError(await reg('{"email":"not-an-email","password":"Str0ng-passphrase!","name":"n"}'), 400, 'invalid_argument', 'email');
  isError(await reg('{"email":"weak@b.edu","password":"short","name":"n"}'), 400, 'invalid_argument', 'password');
  isError(await reg('{"email":"a@b.edu","email":"c@d.edu","password":"Str0ng-passphrase!","name":"n"}'), 400);
  const xml = await api(srv.base, 'POST', '/api/auth/login', { raw: '<x/>', headers: { 'content-type': 'application/xml' } });
  isError(xml, 415, 'unsupported_media_type');
  const iv = (body) => api(srv.base, 'POST', '/api/interviews', { token: student.access_token, body });
  isError(await iv({ mode: 'text', role: 'astronaut', difficulty: 'easy', length: 3 }), 400, 'invalid_argument', 'role');
  isError(await iv({ mode: 'text', role: 'ml', difficulty: 'easy', length: 4 }), 400, 'invalid_argument', 'length');
  isError(await iv({ mode: 'text', role: 'ml', difficulty: 'easy', length: '3' }), 400, 'invalid_argument', 'length');
  isError(await iv({ mode: 'video', role: 'ml', difficulty: 'easy', length: 3 }), 400, 'invalid_argument', 'mode');
  const list = await api(srv.base, 'GET', '/api/interviews', { token: student.access_token });
  assert.equal(list.body.items.length, 0, 'no interview was half-created');
});

test('oversized bodies are refused with 413 before they are read', async () => {
  const big = JSON.stringify({ email: 'x@y.edu', password: 'p'.repeat(300 * 1024), name: 'n' });
  const r = await api(srv.base, 'POST', '/api/auth/register', { raw: big, headers: { 'content-type': 'application/json' } });
  isError(r, 413, 'payload_too_large');
  const ok = await api(srv.base, 'GET', '/healthz');
  assert.equal(ok.status, 200, 'the server is still up');
  const answer = 'a'.repeat(10001);
  const iv = (await api(srv.base, 'POST', '/api/interviews', { token: student.access_token, body: { mode: 'text', role: 'ml', difficulty: 'easy', length: 3 } })).body;
  isError(await api(srv.base, 'POST', `/api/interviews/${iv.id}/answers`, { token: student.access_token, body: { text: answer, duration_ms: 1 } }), 400, 'invalid_argument', 'text');
  const state = await api(srv.base, 'GET', `/api/interviews/${iv.id}`, { token: student.access_token });
  assert.equal(state.body.answers.length, 0, 'the rejected answer was not stored');
});

test('invalid, expired, tampered and wrong-algorithm tokens are refused', async () => {
  const secret = srv.secret();
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: String(student.user.id), role: 'student', iat: now, exp: now + 600, iss: 'candor', jti: 'a'.repeat(32) };
  const good = forgeToken(secret, claims);
  assert.equal((await api(srv.base, 'GET', '/api/me', { token: good })).status, 200, 'the forging helper itself is right');
  const cases = {
    expired: forgeToken(secret, { ...claims, iat: now - 4000, exp: now - 3000 }),
    alg_none: forgeToken(secret, claims, { alg: 'none', typ: 'JWT' }),
    wrong_alg: forgeToken(secret, claims, { alg: 'HS512', typ: 'JWT' }),
    wrong_key: forgeToken(Buffer.from('x'.repeat(32)), claims),
    escalated: good.split('.')[0] + '.' + Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url') + '.' + good.split('.')[2],
    garbage: 'not.a.token',
    empty_sig: good.split('.').slice(0, 2).join('.') + '.',
  };
  for (const [name, token] of Object.entries(cases)) {
    const r = await api(srv.base, 'GET', '/api/me', { token });
    assert.equal(r.status, 401, `${name} must be refused`);
    assert.equal(r.body.error.code, 'unauthenticated');
  }
  const basic = await api(srv.base, 'GET', '/api/me', { headers: { authorization: 'Basic YTpi' } });
  assert.equal(basic.status, 401);
  const huge = await api(srv.base, 'GET', '/api/me', { headers: { authorization: 'Bearer ' + 'a'.repeat(6000) } });
  assert.ok(huge.status === 401 || huge.status === 431 || huge.status === 400, `huge header: ${huge.status}`);
});

test('SQL metacharacters and HTML are data, never code', async () => {
  const t = student.access_token;
  for (const q of ["' OR 1=1 --", '%', '_', '"; DROP TABLE users; --', '\\']) {
    const r = await api(srv.base, 'GET', `/api/questions?q=${encodeURIComponent(q)}`, { token: t });
    assert.equal(r.status, 200);
    // Matches are literal: every hit contains the searched characters.
    for (const item of r.body.items) assert.ok(item.text.toLowerCase().includes(q.toLowerCase()), `${q} matched ${item.text}`);
    if (q.includes('OR 1=1') || q.includes('DROP')) assert.equal(r.body.total, 0);
  }
  const pct = await api(srv.base, 'GET', `/api/questions?q=${encodeURIComponent('%')}`, { token: t });
  const all = await api(srv.base, 'GET', '/api/questions', { token: t });
  assert.ok(pct.body.total < all.body.total, '% is not a wildcard');
  const script = '<script>alert(1)</script> Robert\'); DROP TABLE answers;--';
  const reg = await register(srv.base, { name: script });
  const me = await api(srv.base, 'GET', '/api/me', { token: reg.access_token });
  assert.equal(me.body.name, script, 'stored and returned as text');
  assert.match(me.headers.get('content-type'), /application\/json/);
  assert.match(me.headers.get('content-security-policy'), /default-src 'self'/);
  assert.equal(me.headers.get('x-content-type-options'), 'nosniff');
  const still = await api(srv.base, 'GET', '/api/me', { token: t });
  assert.equal(still.status, 200, 'tables are intact');
});

test('unknown routes, methods and ids', async () => {
  isError(await api(srv.base, 'GET', '/api/nothing-here'), 404, 'not_found');
  isError(await api(srv.base, 'DELETE', '/api/auth/login'), 405, 'method_not_allowed');
  isError(await api(srv.base, 'GET', '/api/interviews/abc', { token: student.access_token }), 404);
  isError(await api(srv.base, 'GET', '/api/interviews/99999999', { token: student.access_token }), 404);
  isError(await api(srv.base, 'GET', '/api/questions?per_page=1000', { token: student.access_token }), 400, 'invalid_argument', 'per_page');
  isError(await api(srv.base, 'GET', '/api/questions?difficulty=impossible', { token: student.access_token }), 400, 'invalid_argument', 'difficulty');
});

test('double submission of the same answer is refused, not recorded twice', async () => {
  const t = student.access_token;
  const iv = (await api(srv.base, 'POST', '/api/interviews', { token: t, body: { mode: 'text', role: 'devops', difficulty: 'hard', length: 3 } })).body;
  const body = { text: 'I would roll back first, then read the logs and metrics to find the cause.', duration_ms: 5000 };
  const [a, b] = await Promise.all([
    api(srv.base, 'POST', `/api/interviews/${iv.id}/answers`, { token: t, body }),
    api(srv.base, 'POST', `/api/interviews/${iv.id}/answers`, { token: t, body }),
  ]);
  const statuses = [a.status, b.status].sort();
  assert.ok(statuses[0] === 200, 'one succeeds');
  const state = await api(srv.base, 'GET', `/api/interviews/${iv.id}`, { token: t });
  assert.equal(state.body.answers.length, statuses[1] === 200 ? 2 : 1);
  if (statuses[1] !== 200) assert.equal(statuses[1], 409);
});

test('login is rate limited per account', async () => {
  const email = student.email;
  let limited = null;
  for (let i = 0; i < 15 && !limited; i++) {
    const r = await api(srv.base, 'POST', '/api/auth/login', { body: { email, password: 'wrong-password-' + i } });
    if (r.status === 429) limited = r;
    else assert.equal(r.status, 401);
  }
  assert.ok(limited, 'repeated failures are throttled');
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
});

test('a missing static file answers 404 and the connection stays usable', async () => {
  const { connect } = await import('node:net');
  const url = new URL(srv.base);
  const sock = connect(Number(url.port), url.hostname);
  let buf = '';
  sock.on('data', (d) => { buf += d; });
  const waitFor = (re) => new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out waiting for ${re}; got: ${buf.slice(0, 300)}`)), 5000);
    const iv = setInterval(() => { if (re.test(buf)) { clearTimeout(t); clearInterval(iv); resolve(); } }, 20);
  });
  await new Promise((r) => sock.on('connect', r));
  after(() => sock.destroy());
  sock.write(`GET /no-such-file.txt HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
  await waitFor(/^HTTP\/1\.1 404/);
  buf = '';
  sock.write(`GET /healthz HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
  await waitFor(/"status":"ok"/);
  sock.destroy();
  const traversal = await api(srv.base, 'GET', '/../../etc/passwd');
  assert.ok([400, 404].includes(traversal.status) || !String(traversal.body).includes('root:'), 'no file outside the web folder');
});
