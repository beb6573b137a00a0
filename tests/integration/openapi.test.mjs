// /api/openapi.json documents every route the server answers, and every
// documented operation is really served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api } from './lib.mjs';

let srv, doc;
before(async () => {
  srv = await startServer();
  doc = (await api(srv.base, 'GET', '/api/openapi.json')).body;
});
after(async () => { assert.equal((await srv.stop()).code, 0); });

// The routes the product promises (docs/api.md), written out by hand.
const expected = `GET /healthz|GET /metrics|GET /api/openapi.json|GET /api/auth/config|POST /api/auth/register|
POST /api/auth/login|POST /api/auth/google|POST /api/auth/refresh|POST /api/auth/logout|GET /api/me|GET /api/meta|
GET /api/questions|POST /api/questions|GET /api/questions/{id}|PUT /api/questions/{id}|DELETE /api/questions/{id}|
POST /api/interviews|GET /api/interviews|GET /api/interviews/{id}|POST /api/interviews/{id}/answers|
POST /api/interviews/{id}/finish|GET /api/interviews/{id}/report|GET /api/progress|GET /api/students|
GET /api/students/{id}/interviews|GET /api/users|PATCH /api/users/{id}|GET /api/colleges|POST /api/colleges|
POST /api/resumes|GET /api/resumes|GET /api/resumes/{id}|DELETE /api/resumes/{id}|GET /api/resumes/{id}/match|
POST /api/jobs|GET /api/jobs|GET /api/jobs/{id}|DELETE /api/jobs/{id}`
  .split('|').map((s) => s.trim());

test('it is an OpenAPI 3 document whose $refs all resolve', () => {
  assert.match(doc.openapi, /^3\./);
  const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[A-Za-z]+"/g) ?? [];
  assert.ok(refs.length > 20);
  for (const r of refs) {
    const name = r.slice(22, -1);
    assert.ok(doc.components.schemas[name], `missing schema ${name}`);
  }
});

test('every route is documented, and nothing undocumented exists', async () => {
  const documented = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const m of Object.keys(item)) documented.push(`${m.toUpperCase()} ${path}`);
  assert.deepEqual([...documented].sort(), [...expected].sort());
  for (const op of documented) {
    const [method, path] = op.split(' ');
    const o = doc.paths[path][method.toLowerCase()];
    assert.ok(o.summary && o.responses && o.operationId, `${op} is fully described`);
    // The router knows it: never "no route" (404 with that message) or 405.
    const r = await api(srv.base, method, path.replace('{id}', '1'), { body: method === 'GET' || method === 'DELETE' ? undefined : {} });
    assert.notEqual(r.status, 405, op);
    if (r.status === 404) assert.doesNotMatch(r.body.error.message, /no route/, op);
  }
});

test('secured operations say so and declare 401', () => {
  const me = doc.paths['/api/me'].get;
  assert.deepEqual(me.security, [{ bearer: [] }]);
  assert.ok(me.responses['401']);
  assert.equal(doc.paths['/api/auth/login'].post.security, undefined);
});
