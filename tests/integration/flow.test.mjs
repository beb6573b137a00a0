// A student's whole journey through the HTTP API: register, sign in,
// refresh, practise a text interview with follow-ups, read the report, see
// progress, sign out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, register } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => {
  const r = await srv.stop();
  assert.equal(r.code, 0, `server must shut down cleanly:\n${r.log.slice(-3000)}`);
});

const strong = 'In my last project I used PostgreSQL and added a B-tree index on the ' +
  'user_id column after EXPLAIN ANALYZE showed a sequential scan. The query went from ' +
  '2 seconds to 40 ms. I measured it with pg_stat_statements and we shipped it the same day.';

test('register, login, refresh rotation and reuse detection, logout', async () => {
  const email = 'Ada.Lovelace@College.edu';
  const reg = await register(srv.base, { email, name: 'Ada' });
  assert.equal(reg.user.email, 'ada.lovelace@college.edu', 'e-mail is normalised');
  assert.equal(reg.user.role, 'student');
  assert.ok(reg.access_token && reg.refresh_token);

  const dup = await api(srv.base, 'POST', '/api/auth/register',
    { body: { email, password: 'Another-passw0rd', name: 'Ada 2' } });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.error.field, 'email');

  const bad = await api(srv.base, 'POST', '/api/auth/login', { body: { email, password: 'wrong-password-1' } });
  assert.equal(bad.status, 401);

  const login = await api(srv.base, 'POST', '/api/auth/login', { body: { email, password: reg.password } });
  assert.equal(login.status, 200);
  const me = await api(srv.base, 'GET', '/api/me', { token: login.body.access_token });
  assert.equal(me.status, 200);
  assert.equal(me.body.name, 'Ada');

  const r1 = await api(srv.base, 'POST', '/api/auth/refresh', { body: { refresh_token: login.body.refresh_token } });
  assert.equal(r1.status, 200);
  assert.notEqual(r1.body.refresh_token, login.body.refresh_token, 'refresh rotates the token');
  // Presenting the used token again is theft: the whole family is revoked.
  const reuse = await api(srv.base, 'POST', '/api/auth/refresh', { body: { refresh_token: login.body.refresh_token } });
  assert.equal(reuse.status, 401);
  assert.match(reuse.body.error.message, /already used/);
  const after = await api(srv.base, 'POST', '/api/auth/refresh', { body: { refresh_token: r1.body.refresh_token } });
  assert.equal(after.status, 401, 'the newer token of the same family is revoked too');

  // Another sign-in is unaffected; logout revokes it.
  const other = await api(srv.base, 'POST', '/api/auth/refresh', { body: { refresh_token: reg.refresh_token } });
  assert.equal(other.status, 200);
  const out = await api(srv.base, 'POST', '/api/auth/logout', { body: { refresh_token: other.body.refresh_token } });
  assert.equal(out.status, 204);
  const gone = await api(srv.base, 'POST', '/api/auth/refresh', { body: { refresh_token: other.body.refresh_token } });
  assert.equal(gone.status, 401);
});

test('a text interview with follow-ups ends in an evidence-backed report', async () => {
  const s = await register(srv.base);
  const token = s.access_token;
  const created = await api(srv.base, 'POST', '/api/interviews',
    { token, body: { mode: 'text', role: 'backend', difficulty: 'medium', length: 5 } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const iv = created.body;
  assert.equal(iv.status, 'in_progress');
  assert.equal(iv.length, 5);
  assert.equal(iv.current.kind, 'question');
  assert.ok(iv.current.time_limit_s >= 60);

  let next = iv.current;
  const seen = new Set();
  let followUps = 0;
  let steps = 0;
  while (next) {
    steps += 1;
    assert.ok(steps <= 10, 'at most one follow-up per question');
    if (next.kind === 'question') {
      assert.ok(!seen.has(next.question_id), 'no question is asked twice');
      seen.add(next.question_id);
    } else {
      followUps += 1;
      assert.ok(seen.has(next.question_id), 'a follow-up belongs to the question just asked');
    }
    // A thin answer to main questions invites a follow-up; a strong one to follow-ups.
    const text = next.kind === 'question' ? 'It depends.' : strong;
    const r = await api(srv.base, 'POST', `/api/interviews/${iv.id}/answers`,
      { token, body: { text, duration_ms: 30000 } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    next = r.body.next;
  }
  assert.equal(seen.size, 5);
  assert.ok(followUps >= 1, 'vague answers draw follow-ups');

  const state = await api(srv.base, 'GET', `/api/interviews/${iv.id}`, { token });
  assert.equal(state.body.status, 'finished');
  assert.equal(state.body.current, null);

  const late = await api(srv.base, 'POST', `/api/interviews/${iv.id}/answers`,
    { token, body: { text: 'more', duration_ms: 1 } });
  assert.equal(late.status, 409, 'no answers after the end');

  const rep = await api(srv.base, 'GET', `/api/interviews/${iv.id}/report`, { token });
  assert.equal(rep.status, 200);
  const report = rep.body;
  assert.equal(report.answers.length, 5 + followUps);
  assert.ok(report.overall.score >= 0 && report.overall.score <= 10);
  for (const a of report.answers) {
    assert.ok(a.scores.content >= 0 && a.scores.content <= 10);
    assert.ok(Array.isArray(a.talking_points.covered) && Array.isArray(a.talking_points.missed));
    assert.ok(Array.isArray(a.tips));
    for (const ev of a.evidence) {
      if (ev.span) assert.equal(a.text.slice(ev.span.start, ev.span.end), ev.span.text,
        'every cited span points at the words it quotes');
    }
  }
  const mains = report.answers.filter((a) => a.kind === 'question');
  const follows = report.answers.filter((a) => a.kind === 'follow_up');
  const avg = (xs) => xs.reduce((t, a) => t + a.scores.overall, 0) / xs.length;
  assert.ok(avg(follows) > avg(mains), 'specific answers score above "It depends."');
  for (const f of follows) assert.ok(f.follow_up_reason, 'a follow-up says why it was asked');
  assert.ok(mains.some((a) => a.tips.length > 0), 'thin answers get tips');

  const prog = await api(srv.base, 'GET', '/api/progress', { token });
  assert.equal(prog.body.interviews, 1);
  assert.equal(prog.body.trend.length, 1);
  assert.equal(prog.body.trend[0].interview_id, iv.id);
  const list = await api(srv.base, 'GET', '/api/interviews', { token });
  assert.equal(list.body.items[0].id, iv.id);
  assert.equal(list.body.items[0].status, 'finished');
});

test('finishing early reports what was answered; nothing to report before any answer', async () => {
  const { access_token: token } = await register(srv.base);
  const iv = (await api(srv.base, 'POST', '/api/interviews',
    { token, body: { mode: 'text', role: 'hr', difficulty: 'easy', length: 8 } })).body;
  const empty = await api(srv.base, 'POST', `/api/interviews/${iv.id}/finish`, { token });
  assert.equal(empty.status, 422);
  const none = await api(srv.base, 'GET', `/api/interviews/${iv.id}/report`, { token });
  assert.equal(none.status, 404);
  await api(srv.base, 'POST', `/api/interviews/${iv.id}/answers`, { token,
    body: { text: 'When our team missed a deadline I took ownership, split the work and we shipped two days later, cutting defects by 30%.', duration_ms: 60000 } });
  const fin = await api(srv.base, 'POST', `/api/interviews/${iv.id}/finish`, { token });
  assert.equal(fin.status, 200);
  assert.equal(fin.body.answers.length, 1);
  assert.equal(fin.body.interview.status, 'finished');
  assert.equal(fin.body.answers[0].star === null, false, 'behavioural answers get a STAR analysis');
});

test('questions are not repeated across a student\'s recent interviews when the bank allows', async () => {
  const { access_token: token } = await register(srv.base);
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const r = await api(srv.base, 'POST', '/api/interviews',
      { token, body: { mode: 'text', role: 'frontend', difficulty: 'easy', length: 3 } });
    const full = await api(srv.base, 'GET', `/api/interviews/${r.body.id}`, { token });
    ids.push(full.body.current.question_id);
  }
  assert.equal(new Set(ids).size, 3, 'opening questions differ between interviews');
});
