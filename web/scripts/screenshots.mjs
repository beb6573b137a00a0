#!/usr/bin/env node
// Dev tool: screenshots of every page at phone and desktop width, to review
// the UI by eye. Needs a running server (real `candor serve` or mock-api.mjs).
//
//   node scripts/screenshots.mjs http://127.0.0.1:18080 /tmp/shots [email-prefix] [promote-command]
//
// promote-command runs after registration with {email} replaced, e.g.
//   'build/web/candor user role --email {email} --role admin --data-dir /tmp/cd'
//
// It registers a user through the API (with the mock, an e-mail starting with
// "coord" makes a coordinator), finishes a few interviews, uploads a resume and
// a job description, starts an interview aimed at them, then visits pages.

import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const base = process.argv[2] || 'http://127.0.0.1:18081';
const out = process.argv[3] || '/tmp/candor-shots';
const prefix = process.argv[4] || 'coord';
const promote = process.argv[5] || '';
mkdirSync(out, { recursive: true });

async function call(method, path, body, token) {
  const raw = typeof body === 'string';
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': raw ? 'text/plain' : 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const answers = [
  'I would maybe use a cache.',
  'First I would check DNS, then the TCP and TLS handshake. For example at my internship we saw slow TLS; I enabled session resumption and latency fell 30%.',
  'In my last project I led a team of four. The situation was a missed deadline; my task was to re-plan. I split the work, paired daily, and as a result we shipped two days early.',
];

const email = `${prefix}.${Date.now()}@example.edu`;
const s = await call('POST', '/api/auth/register', { email, password: 'practice-makes-9', name: 'Riya Kapoor' });
let token = s.access_token;
for (let k = 0; k < 4; k++) {
  const iv = await call('POST', '/api/interviews', { mode: 'text', role: ['backend', 'frontend', 'hr', 'ml'][k], difficulty: 'easy', length: 3 }, token);
  for (let i = 0; i < 8; i++) {
    const r = await call('POST', `/api/interviews/${iv.id}/answers`, { text: answers[(i + k) % 3], duration_ms: 60000 + i * 1000 }, token);
    if (!r.next) break;
  }
  await call('POST', `/api/interviews/${iv.id}/finish`, undefined, token);
}
if (promote) execSync(promote.replaceAll('{email}', email), { stdio: 'inherit' });
const RESUME = `Riya Kapoor
riya.kapoor@example.edu | +91 98765 43210 | github.com/riyak | linkedin.com/in/riyak

SUMMARY
Backend engineer who likes fast, boring, reliable services.

EXPERIENCE
Software Engineer, Payments Co, 2021-03 - present
- Built a Go and PostgreSQL ledger service handling 2,000 requests per second
- Reduced p99 latency by 40% with Redis caching
- Migrated 12 services to Docker and Kubernetes on AWS
Software Engineering Intern, ShopKart, 2020-05 - 2020-12
- Wrote REST APIs in Python for the catalogue team
- Shipped a Kafka consumer for order events

EDUCATION
B.Tech Computer Science, IIT Example, 2021

SKILLS
Go, Python, SQL, PostgreSQL, Redis, Kafka, Docker, Kubernetes, AWS, Git

PROJECTS
Tiny compiler in Go: lexer, parser and bytecode VM
`;
const JD = `Senior Backend Engineer, Payments
We are looking for a backend engineer with 5+ years of experience to build our payments platform.
Requirements: Go or Java, PostgreSQL, Kafka, Kubernetes, gRPC and microservices; strong SQL.
Nice to have: Terraform, AWS, Redis.`;
const resume = await call('POST', '/api/resumes?filename=riya-kapoor.txt', RESUME, token);
const job = await call('POST', '/api/jobs', { text: JD }, token);
const targeted = await call('POST', '/api/interviews', { mode: 'text', role: 'backend', difficulty: 'hard', length: 5, resume_id: resume.id, job_id: job.id }, token);
const list = await call('GET', '/api/interviews', undefined, token);
const reportId = list.items.find((i) => i.status === 'finished').id;
const live = await call('POST', '/api/interviews', { mode: 'text', role: 'backend', difficulty: 'medium', length: 5 }, token);

const profile = mkdtempSync(join(tmpdir(), 'candor-shots-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
page.on('pageerror', (e) => console.log('page error:', e.message));

for (const [w, h, tag] of [
  [1280, 860, 'desktop'],
  [390, 844, 'phone'],
]) {
  await page.setViewportSize({ width: w, height: h });
  if (page.url().startsWith(base)) await page.evaluate(() => localStorage.clear()); // the app is idle here
  await page.goto(base + '/login');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByRole('button', { name: 'Sign in' }).click(); // shows validation errors
  await page.screenshot({ path: join(out, `${tag}-login.png`) });
  await page.goto(base + '/register');
  await page.getByRole('heading', { name: 'Create your account' }).waitFor();
  await page.screenshot({ path: join(out, `${tag}-register.png`) });
  // Sign in through the form for the rest.
  await page.goto(base + '/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('practice-makes-9');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Welcome/ }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, `${tag}-dashboard.png`), fullPage: true });
  const pages = [
    ['new', '/interviews/new', 'New interview'],
    ['room', `/interviews/${live.id}`, /Question/],
    ['room-targeted', `/interviews/${targeted.id}`, /Question/],
    ['resumes', '/resumes', 'Resumes'],
    ['resume', `/resumes/${resume.id}`, 'Resume analysis'],
    ['jobs', '/jobs', 'Job descriptions'],
    ['job', `/jobs/${job.id}`, /Backend/],
    ['match', `/resumes/${resume.id}/match/${job.id}`, 'Resume and job match'],
    ['report', `/interviews/${reportId}/report`, 'Interview report'],
    ['questions', '/questions', 'Question bank'],
    ['question-new', '/questions/new', 'New question'],
    ['students', '/students', 'Students'],
    ['users', '/users', 'Users'],
  ];
  for (const [name, path, heading] of pages) {
    await page.goto(base + path);
    await page.getByRole('heading', { name: heading }).first().waitFor({ timeout: 10000 }).catch(() => console.log(`no heading on ${path}`));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, `${tag}-${name}.png`), fullPage: name !== 'report' });
  }
  if (tag === 'phone') {
    await page.goto(base + '/');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.screenshot({ path: join(out, `${tag}-menu.png`) });
  }
}
await ctx.close();
rmSync(profile, { recursive: true, force: true });
console.log(`screenshots in ${out}`);
