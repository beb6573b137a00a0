// Resumes and job descriptions through the real server: upload (text and a
// real PDF), analysis, ATS, job descriptions pasted / fetched by URL, the
// match, interviews aimed at them, access rules and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startServer, api, register, userWithRole } from './lib.mjs';

let srv, ann, bob, coord, admin, pages, pagesBase;

const RESUME = `Ann Example
ann@example.com | +1 555 123 4567 | github.com/annex

Summary
Backend engineer building APIs in Go and Python.

Experience
Software Engineer, Acme Corp, Jan 2021 - Present
- Built a payments API in Go serving 2,000 requests per second
- Reduced p99 latency by 40% by adding Redis caching
- Migrated PostgreSQL schemas with zero downtime
Junior Developer, Beta Ltd, Jun 2019 - Dec 2020
- Wrote Python services and Docker images

Education
B.Tech in Computer Science, State University, 2019

Skills
Go, Python, PostgreSQL, Redis, Docker, gRPC
`;

const JD = `Senior Backend Engineer

Requirements:
- 5+ years building services in Go or Java
- Apache Kafka and PostgreSQL
- Kubernetes in production

Nice to have:
- Terraform
`;

// A minimal, valid PDF (one page, Helvetica text lines) built byte by byte,
// so MuPDF parses a real file without any generator installed.
function pdfOf(lines) {
  const esc = (s) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  let y = 780;
  const ops = lines.map((l) => { const s = `BT /F1 11 Tf 50 ${y} Td (${esc(l)}) Tj ET`; y -= 16; return s; }).join('\n');
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(ops)} >>\nstream\n${ops}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => { offsets.push(Buffer.byteLength(out)); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const upload = (tok, bytes, name = 'cv.txt') =>
  api(srv.base, 'POST', `/api/resumes?filename=${encodeURIComponent(name)}`, {
    token: tok, raw: bytes, headers: { 'content-type': 'application/octet-stream' },
  });
const addJob = (tok, body) => api(srv.base, 'POST', '/api/jobs', { token: tok, body });

before(async () => {
  srv = await startServer(['--fetch-allow-private', 'true']);
  admin = await userWithRole(srv, 'admin');
  await api(srv.base, 'POST', '/api/colleges', { token: admin.access_token, body: { name: 'Resume College', domains: ['college.edu'] } });
  ann = await register(srv.base, { email: 'ann@college.edu' });
  bob = await register(srv.base, { email: 'bob@elsewhere.edu' });
  coord = await userWithRole(srv, 'coordinator');
  // A job board on loopback: a page, a redirect to it, and a page too big.
  pages = createServer((req, res) => {
    if (req.url === '/job') {
      res.setHeader('content-type', 'text/html');
      res.end(`<html><head><title>Platform Engineer</title><script>var x=1</script></head><body><h1>Platform Engineer</h1><p>We need Kubernetes, Terraform and Go. Experience with Prometheus is a plus.</p><p>${'We value ownership and clear writing. '.repeat(3)}</p></body></html>`);
    } else if (req.url === '/moved') {
      res.statusCode = 302; res.setHeader('location', '/job'); res.end();
    } else if (req.url === '/huge') {
      res.setHeader('content-type', 'text/plain');
      res.end('Go '.repeat(1024 * 1024));
    } else { res.statusCode = 404; res.end('no'); }
  });
  await new Promise((r) => pages.listen(0, '127.0.0.1', r));
  pagesBase = `http://127.0.0.1:${pages.address().port}`;
});

after(async () => {
  pages.close();
  assert.equal((await srv.stop()).code, 0);
});

test('a text resume is analysed: contact, experience, skills, ATS with a reason per check', async () => {
  const r = await upload(ann.access_token, Buffer.from(RESUME), '../../etc/My CV.txt');
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.filename, 'My CV.txt'); // path parts dropped
  assert.equal(r.body.format, 'text');
  const a = r.body.analysis;
  assert.equal(a.contact.email, 'ann@example.com');
  const skills = a.skills.map((s) => s.name);
  for (const s of ['Go', 'Python', 'PostgreSQL', 'Redis', 'Docker']) assert.ok(skills.includes(s), `${s} in ${skills}`);
  assert.ok(r.body.years > 5 && r.body.years < 9, `years ${r.body.years}`);
  assert.ok(a.sections.some((s) => s.id === 'experience' && s.standard));
  const ats = r.body.ats;
  assert.equal(ats.checks.reduce((n, c) => n + c.max, 0), 100);
  assert.equal(ats.checks.reduce((n, c) => n + c.points, 0), ats.score);
  for (const c of ats.checks) {
    assert.ok(c.reason.length > 0, `${c.id} has a reason`);
    if (c.points < c.max) assert.ok(c.suggestion.length > 0, `${c.id} lost points and says what to do`);
  }
  assert.equal(r.body.ats_score, ats.score);
});

test('a PDF resume goes through MuPDF and finds the same skills', async () => {
  const r = await upload(ann.access_token, pdfOf(RESUME.split('\n')), 'cv.pdf');
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.format, 'pdf');
  assert.equal(r.body.analysis.layout.pages, 1);
  const skills = r.body.analysis.skills.map((s) => s.name);
  for (const s of ['Go', 'PostgreSQL', 'Redis']) assert.ok(skills.includes(s), `${s} in ${skills}`);
});

test('bad uploads get precise errors and store nothing', async () => {
  const before = (await api(srv.base, 'GET', '/api/resumes', { token: ann.access_token })).body.items.length;
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  let r = await upload(ann.access_token, png, 'cv.pdf'); // the name lies; the bytes decide
  assert.equal(r.status, 415);
  assert.match(r.body.error.message, /PNG/i);
  r = await upload(ann.access_token, Buffer.alloc(0));
  assert.equal(r.status, 400);
  r = await upload(ann.access_token, Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog'), 'broken.pdf');
  assert.ok([400, 422].includes(r.status), `truncated PDF: ${r.status}`);
  r = await upload(ann.access_token, Buffer.alloc(11 * 1024 * 1024, 0x41));
  assert.equal(r.status, 413);
  r = await upload(ann.access_token, Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3, 0x28]));
  assert.ok(r.status >= 400 && r.status < 500, `binary junk: ${r.status}`);
  const after = (await api(srv.base, 'GET', '/api/resumes', { token: ann.access_token })).body.items.length;
  assert.equal(after, before);
});

test('resumes are private: the owner, a coordinator of the college and admins read; nobody else', async () => {
  const list = (await api(srv.base, 'GET', '/api/resumes', { token: ann.access_token })).body.items;
  const id = list[0].id;
  assert.equal((await api(srv.base, 'GET', `/api/resumes/${id}`, { token: bob.access_token })).status, 404);
  assert.equal((await api(srv.base, 'GET', `/api/resumes/${id}`, { token: coord.access_token })).status, 200);
  assert.equal((await api(srv.base, 'GET', `/api/resumes/${id}`, { token: admin.access_token })).status, 200);
  assert.equal((await api(srv.base, 'GET', `/api/resumes/${id}`)).status, 401);
  assert.equal((await api(srv.base, 'DELETE', `/api/resumes/${id}`, { token: bob.access_token })).status, 404);
  assert.equal((await api(srv.base, 'GET', '/api/resumes', { token: bob.access_token })).body.items.length, 0);
});

test('job descriptions: pasted text, a URL (redirects followed, HTML reduced), and their errors', async () => {
  let r = await addJob(ann.access_token, { text: JD });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.source, 'text');
  assert.equal(r.body.role_family, 'backend');
  const req = r.body.analysis.skills.filter((s) => s.required).map((s) => s.name);
  const nice = r.body.analysis.skills.filter((s) => !s.required).map((s) => s.name);
  assert.ok(req.includes('Apache Kafka') && req.includes('Kubernetes'), `required ${req}`);
  assert.ok(nice.includes('Terraform'), `nice ${nice}`);

  r = await addJob(ann.access_token, { url: `${pagesBase}/moved` });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.source, 'url');
  assert.doesNotMatch(r.body.text, /var x=1|<p>/);
  assert.ok(r.body.analysis.skills.some((s) => s.name === 'Terraform'));

  for (const [body, status, field] of [
    [{ text: 'too short' }, 400, 'text'],
    [{}, 400, 'text'],
    [{ text: JD, url: `${pagesBase}/job` }, 400, 'url'],
    [{ url: 'ftp://example.com/job' }, 400, null],
    [{ text: JD, extra: 1 }, 400, 'extra'],
  ]) {
    r = await addJob(ann.access_token, body);
    assert.equal(r.status, status, JSON.stringify(body));
    if (field) assert.equal(r.body.error.field, field, JSON.stringify(r.body));
  }
  r = await addJob(ann.access_token, { url: `${pagesBase}/huge` });
  assert.equal(r.status, 413, JSON.stringify(r.body));
  r = await addJob(ann.access_token, { url: `${pagesBase}/missing` });
  assert.ok(r.status >= 400, JSON.stringify(r.body));
});

test('the match shows the formula with its numbers, gaps first, and topics', async () => {
  const resume = (await api(srv.base, 'GET', '/api/resumes', { token: ann.access_token })).body.items[0];
  const jobs = (await api(srv.base, 'GET', '/api/jobs', { token: ann.access_token })).body.items;
  const job = jobs.find((j) => j.source === 'text');
  const r = await api(srv.base, 'GET', `/api/resumes/${resume.id}/match?job=${job.id}`, { token: ann.access_token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const m = r.body.match;
  assert.ok(m.percent > 0 && m.percent < 100, `percent ${m.percent}`);
  assert.match(m.formula, new RegExp(m.percent.toFixed(1).replace('.', '\\.')));
  const matched = m.matched.map((s) => s.name), gaps = m.gaps.map((s) => s.name);
  assert.ok(matched.includes('PostgreSQL') && matched.includes('Go'), `matched ${matched}`);
  assert.ok(gaps.includes('Apache Kafka') && gaps.includes('Kubernetes'), `gaps ${gaps}`);
  assert.ok(gaps.indexOf('Apache Kafka') < gaps.indexOf('Terraform'), 'required gaps rank first');
  assert.ok(r.body.topics.some((t) => t.kind === 'gap'));
  assert.ok(r.body.ats.checks.find((c) => c.id === 'keywords'));
  // another user's job, a bad job parameter
  const bobJob = await addJob(bob.access_token, { text: JD });
  assert.equal((await api(srv.base, 'GET', `/api/resumes/${resume.id}/match?job=${bobJob.body.id}`, { token: ann.access_token })).status, 404);
  assert.equal((await api(srv.base, 'GET', `/api/resumes/${resume.id}/match?job=abc`, { token: ann.access_token })).status, 400);
});

test('an interview aimed at a resume and a job asks about them and says why', async () => {
  const resume = (await api(srv.base, 'GET', '/api/resumes', { token: ann.access_token })).body.items[0];
  const job = (await api(srv.base, 'GET', '/api/jobs', { token: ann.access_token })).body.items.find((j) => j.source === 'text');
  const r = await api(srv.base, 'POST', '/api/interviews', { token: ann.access_token, body: { mode: 'text', role: 'backend', difficulty: 'medium', length: 5, resume_id: resume.id, job_id: job.id } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.resume_id, resume.id);
  // Answer until the end, collecting the reasons given.
  let iv = r.body, whys = [];
  for (let guard = 0; iv.current && guard < 12; guard++) {
    if (iv.current.why) whys.push(`${iv.current.why} | ${iv.current.text}`);
    const a = await api(srv.base, 'POST', `/api/interviews/${iv.id}/answers`, { token: ann.access_token, body: { text: 'I used it to build a payments API; we measured p99 latency and cut it by 40%.', duration_ms: 30000 } });
    assert.equal(a.status, 200, JSON.stringify(a.body));
    iv = a.body.interview;
  }
  assert.ok(whys.length >= 2, `targeted prompts: ${whys}`);
  const skills = ['Go', 'PostgreSQL', 'Apache Kafka', 'Kubernetes', 'Python', 'Redis', 'Docker', 'Terraform', 'Java', 'gRPC'];
  for (const w of whys) assert.ok(skills.some((s) => w.includes(s)), w);
  // Someone else's resume cannot aim an interview.
  const bad = await api(srv.base, 'POST', '/api/interviews', { token: bob.access_token, body: { mode: 'text', role: 'backend', difficulty: 'easy', length: 3, resume_id: resume.id } });
  assert.equal(bad.status, 404);
  assert.equal(bad.body.error.field, 'resume_id');
  // Generated questions never show up in the bank.
  const bank = await api(srv.base, 'GET', '/api/questions?status=all&per_page=100&q=resume', { token: admin.access_token });
  assert.equal(bank.body.items.filter((q) => q.source === 'generated').length, 0);
});

test('deleting a resume keeps the interviews aimed at it', async () => {
  const resume = (await api(srv.base, 'GET', '/api/resumes', { token: ann.access_token })).body.items[0];
  assert.equal((await api(srv.base, 'DELETE', `/api/resumes/${resume.id}`, { token: ann.access_token })).status, 204);
  assert.equal((await api(srv.base, 'GET', `/api/resumes/${resume.id}`, { token: ann.access_token })).status, 404);
  const ivs = (await api(srv.base, 'GET', '/api/interviews', { token: ann.access_token })).body.items;
  assert.ok(ivs.length >= 1);
  const iv = await api(srv.base, 'GET', `/api/interviews/${ivs[0].id}`, { token: ann.access_token });
  assert.equal(iv.status, 200);
  assert.equal(iv.body.resume_id, null);
});

test('at most 20 resumes per student: the 21st is refused and not stored', async () => {
  const have = (await api(srv.base, 'GET', '/api/resumes', { token: bob.access_token })).body.items.length;
  for (let i = have; i < 20; i++) assert.equal((await upload(bob.access_token, Buffer.from(RESUME))).status, 201);
  const r = await upload(bob.access_token, Buffer.from(RESUME));
  assert.equal(r.status, 409);
  assert.match(r.body.error.message, /delete one/);
  assert.equal((await api(srv.base, 'GET', '/api/resumes', { token: bob.access_token })).body.items.length, 20);
});
