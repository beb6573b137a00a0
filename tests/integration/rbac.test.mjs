// Every route x every role (and anonymous) gets the expected status. The
// expectations are written here independently of the server's route table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, register, userWithRole } from './lib.mjs';

let srv, who, ids;
before(async () => {
  srv = await startServer();
  const student = await register(srv.base, { email: 'stu@college.edu' });
  const other = await register(srv.base, { email: 'other@elsewhere.org' });
  const coordinator = await userWithRole(srv, 'coordinator');
  const admin = await userWithRole(srv, 'admin');
  who = { anonymous: null, student: student.access_token, coordinator: coordinator.access_token, admin: admin.access_token };
  // A college for the college.edu domain, so the coordinator sees the student.
  const col = await api(srv.base, 'POST', '/api/colleges', { token: admin.access_token, body: { name: 'Test College', domains: ['college.edu'] } });
  assert.equal(col.status, 201);
  const iv = await api(srv.base, 'POST', '/api/interviews', { token: student.access_token, body: { mode: 'text', role: 'dsa', difficulty: 'easy', length: 3 } });
  const otherIv = await api(srv.base, 'POST', '/api/interviews', { token: other.access_token, body: { mode: 'text', role: 'dsa', difficulty: 'easy', length: 3 } });
  const q = await api(srv.base, 'GET', '/api/questions?per_page=1', { token: admin.access_token });
  ids = { interview: iv.body.id, otherInterview: otherIv.body.id, question: q.body.items[0].id, student: student.user.id, other: other.user.id };
});
after(async () => {
  const r = await srv.stop();
  assert.equal(r.code, 0, r.log.slice(-2000));
});

const qInput = { role: 'backend', difficulty: 'easy', type: 'technical', text: 'What is a connection pool and why use one?', talking_points: ['reuses open database connections instead of opening one per request'] };

// [method, path(ids), body, {anonymous, student, coordinator, admin}]
const matrix = () => [
  ['GET', '/api/auth/config', null, [200, 200, 200, 200]],
  ['GET', '/api/meta', null, [200, 200, 200, 200]],
  ['GET', '/api/me', null, [401, 200, 200, 200]],
  ['GET', '/api/questions', null, [401, 200, 200, 200]],
  ['GET', `/api/questions/${ids.question}`, null, [401, 200, 200, 200]],
  ['POST', '/api/questions', qInput, [401, 403, 201, 201]],
  ['PUT', `/api/questions/${ids.question}`, qInput, [401, 403, 200, 200]],
  ['GET', '/api/interviews', null, [401, 200, 200, 200]],
  ['GET', `/api/interviews/${ids.interview}`, null, [401, 200, 200, 200]],
  // Another college's student's interview: hidden from the coordinator.
  ['GET', `/api/interviews/${ids.otherInterview}`, null, [401, 404, 404, 200]],
  ['GET', `/api/interviews/${ids.interview}/report`, null, [401, 404, 404, 404]],
  ['POST', `/api/interviews/${ids.otherInterview}/finish`, null, [401, 404, 404, 404]],
  ['GET', '/api/progress', null, [401, 200, 200, 200]],
  ['GET', '/api/students', null, [401, 403, 200, 200]],
  ['GET', `/api/students/${ids.student}/interviews`, null, [401, 403, 200, 200]],
  ['GET', `/api/students/${ids.other}/interviews`, null, [401, 403, 404, 200]],
  ['GET', '/api/users', null, [401, 403, 403, 200]],
  ['PATCH', `/api/users/${ids.other}`, { role: 'student' }, [401, 403, 403, 200]],
  ['GET', '/api/colleges', null, [401, 403, 403, 200]],
  ['POST', '/api/colleges', { name: `C${Math.random()}`, domains: [`d${Date.now()}${Math.floor(Math.random() * 1e6)}.edu`] }, [401, 403, 403, 201]],
  ['DELETE', `/api/questions/${ids.question}`, null, [401, 403, 200, 200]],
  ['GET', '/healthz', null, [200, 200, 200, 200]],
  ['GET', '/metrics', null, [200, 200, 200, 200]],
  ['GET', '/api/openapi.json', null, [200, 200, 200, 200]],
];

test('every route answers each role as specified', async () => {
  const roles = ['anonymous', 'student', 'coordinator', 'admin'];
  const failures = [];
  for (const [method, path, body, expected] of matrix()) {
    for (let i = 0; i < roles.length; i++) {
      const r = await api(srv.base, method, path, { token: who[roles[i]], body: body ?? undefined });
      if (r.status !== expected[i]) failures.push(`${method} ${path} as ${roles[i]}: ${r.status}, expected ${expected[i]} ${JSON.stringify(r.body).slice(0, 160)}`);
      if (r.status === 401) assert.match(r.headers.get('www-authenticate') ?? '', /Bearer/);
    }
  }
  assert.deepEqual(failures, []);
});

test('students never see talking points; staff do', async () => {
  const s = await api(srv.base, 'GET', '/api/questions?role=backend&per_page=5', { token: who.student });
  assert.ok(s.body.items.length > 0);
  for (const q of s.body.items) assert.deepEqual(q.talking_points, []);
  const c = await api(srv.base, 'GET', '/api/questions?role=backend&per_page=5', { token: who.coordinator });
  assert.ok(c.body.items.every((q) => q.talking_points.length > 0));
});

test('a retired question disappears for students but not for staff', async () => {
  const created = await api(srv.base, 'POST', '/api/questions', { token: who.coordinator, body: { ...qInput, text: 'Explain optimistic locking with a version column.' } });
  assert.equal(created.status, 201);
  assert.equal(created.body.source, 'coordinator');
  const id = created.body.id;
  assert.equal((await api(srv.base, 'DELETE', `/api/questions/${id}`, { token: who.coordinator })).body.status, 'retired');
  assert.equal((await api(srv.base, 'GET', `/api/questions/${id}`, { token: who.student })).status, 404);
  assert.equal((await api(srv.base, 'GET', `/api/questions/${id}`, { token: who.admin })).status, 200);
  const staff = await api(srv.base, 'GET', '/api/questions?status=retired&q=optimistic', { token: who.admin });
  assert.ok(staff.body.items.some((q) => q.id === id));
});

test('an admin cannot demote themselves; promotions take effect at next sign-in', async () => {
  const me = await api(srv.base, 'GET', '/api/me', { token: who.admin });
  const r = await api(srv.base, 'PATCH', `/api/users/${me.body.id}`, { token: who.admin, body: { role: 'student' } });
  assert.equal(r.status, 409);
  const bad = await api(srv.base, 'PATCH', `/api/users/${ids.other}`, { token: who.admin, body: { role: 'superuser' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'role');
});

test('the bank listing reflects edits at once (no stale cached page)', async () => {
  const path = '/api/questions?q=' + encodeURIComponent('idempotency keys');
  const before = await api(srv.base, 'GET', path, { token: who.student });
  const again = await api(srv.base, 'GET', path, { token: who.student });
  assert.deepEqual(again.body, before.body, 'a repeated read is identical');
  const made = await api(srv.base, 'POST', '/api/questions', { token: who.coordinator,
    body: { ...qInput, text: 'How do idempotency keys make payment retries safe?' } });
  assert.equal(made.status, 201);
  const after = await api(srv.base, 'GET', path, { token: who.student });
  assert.equal(after.body.total, before.body.total + 1);
  assert.ok(after.body.items.some((q) => q.id === made.body.id));
  await api(srv.base, 'DELETE', `/api/questions/${made.body.id}`, { token: who.coordinator });
  const gone = await api(srv.base, 'GET', path, { token: who.student });
  assert.equal(gone.body.total, before.body.total);
});
