#!/usr/bin/env node
// Development stand-in for `candor serve`: an in-memory implementation of
// docs/api.md, good enough to click through the UI and take screenshots
// before (or without) a C build. Scores are made up from answer length; this is
// NOT the product and no test relies on it.
//
//   node scripts/mock-api.mjs serve --port 18081 [--data-dir ignored] [--llm]
//
// --llm pretends a model provider is configured: /api/meta names one, answers
// sent with "Accept: text/event-stream" stream the follow-up word by word, and
// reports carry the `ai` evaluation and the usage footer.
// Resumes and job descriptions (docs/api.md "Resumes and job descriptions")
// are analysed by mock-docs.mjs with a tiny taxonomy: plain text and the text
// layer of simple PDFs only.
//
// Serves web/dist with the production CSP header and the SPA fallback.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { analyseJob, analyseResume, matchResumeJob, sniff, MAX_UPLOAD } from './mock-docs.mjs';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || 18081);
const LLM = args.includes('--llm') ? { provider: 'openai', model: 'mock-model' } : null;
const dist = join(fileURLToPath(new URL('..', import.meta.url)), 'dist');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

const now = () => new Date().toISOString();
const ROLES = [
  ['frontend', 'Frontend'], ['backend', 'Backend'], ['fullstack', 'Full-stack'], ['ml', 'ML / data'],
  ['dsa', 'DSA'], ['devops', 'DevOps'], ['mobile', 'Mobile'], ['hr', 'HR / behavioural'],
].map(([id, label]) => ({ id, label }));

let nextId = 1;
const users = new Map(); // id -> user + password
const access = new Map(); // token -> user id
const refresh = new Map(); // token -> user id
const interviews = new Map();
const questions = new Map();
const resumes = new Map(); // id -> Resume + owner
const jobs = new Map(); // id -> Job + owner

function q(role, difficulty, type, text, tps) {
  const id = nextId++;
  questions.set(id, { id, role, difficulty, type, tech: [], text, talking_points: tps, keywords: tps.map((t) => t.split(' ')[0]), follow_ups: [{ text: 'Can you give a concrete example?', trigger: 'no_example' }], source: 'curated', status: 'active', created_at: now(), updated_at: now() });
}
for (const r of ROLES) {
  for (const d of ['easy', 'medium', 'hard']) {
    q(r.id, d, 'technical', `(${r.label}, ${d}) Explain how you would design a caching layer for a read-heavy service.`, ['cache invalidation strategy', 'eviction policy such as LRU', 'consistency trade-offs']);
    q(r.id, d, 'technical', `(${r.label}, ${d}) What happens between typing a URL and seeing the page?`, ['DNS lookup', 'TCP and TLS handshake', 'HTTP request and rendering']);
    q(r.id, d, 'behavioural', `(${r.label}, ${d}) Tell me about a time you disagreed with a teammate. What did you do?`, ['describe the situation', 'actions you took', 'the result']);
  }
}

function session(u) {
  const a = randomBytes(12).toString('hex');
  const r = randomBytes(12).toString('hex');
  access.set(a, u.id);
  refresh.set(r, u.id);
  return { access_token: a, refresh_token: r, expires_in: 900, user: pub(u) };
}
const pub = ({ password, ...u }) => u;
const err = (status, code, message, field) => ({ status, body: { error: { code, message, ...(field ? { field } : {}) } } });
const summary = ({ plan, current, answers, reports, topics, resume_id, job_id, owner, seq, followed, asked, ...s }) => s;
function view(iv) {
  return { ...summary(iv), resume_id: iv.resume_id ?? null, job_id: iv.job_id ?? null, current: iv.current, asked: iv.asked, answers: iv.answers.map(({ report, ...a }) => a) };
}
function prompt(iv, kind, qq, seq) {
  const topic = kind === 'question' && iv.topics ? iv.topics[(iv.asked - 1) % iv.topics.length] : null;
  return {
    why: topic ? `${topic.skill}: ${topic.why}` : null, seq, kind, question_id: qq.id, text: kind === 'question' ? qq.text : 'Can you give a concrete example from your own work?', type: qq.type, difficulty: qq.difficulty, time_limit_s: 120 };
}
function score(text) {
  return Math.min(10, Math.round((text.trim().split(/\s+/).filter(Boolean).length / 8) * 10) / 10);
}
function answerReport(a, qq) {
  const s = score(a.text);
  const lower = a.text.toLowerCase();
  const covered = qq.talking_points.filter((p) => lower.includes(p.split(' ')[0].toLowerCase()));
  const firstWord = a.text.split(/\s+/)[0] || '';
  return {
    seq: a.seq, kind: a.kind, question_id: qq.id, prompt: a.prompt, type: qq.type, text: a.text, duration_ms: a.duration_ms,
    scores: { content: s, relevance: s, structure: qq.type === 'technical' ? null : s / 2, specificity: s / 2, clarity: 7, overall: s },
    talking_points: { covered: covered.map((p) => ({ point: p, evidence: null })), missed: qq.talking_points.filter((p) => !covered.includes(p)) },
    keywords: { used: [], missed: qq.keywords.slice(0, 2) },
    star: qq.type === 'technical' ? null : { situation: { present: true, evidence: null }, task: { present: false, evidence: null }, action: { present: true, evidence: null }, result: { present: false, evidence: null } },
    hedges: lower.includes('maybe') ? [{ phrase: 'maybe', evidence: null }] : [],
    fillers: [],
    evidence: firstWord ? [{ effect: 1, dimension: 'content', reason: 'Opens with a direct statement.', span: { start: 0, end: Buffer.byteLength(firstWord), text: firstWord } }] : [],
    tips: ['Name a concrete tool or number.', 'End with the outcome.'],
    follow_up_reason: a.kind === 'follow_up' ? 'the answer gave no concrete example.' : null,
    ...(LLM
      ? {
          ai: a.seq % 3 === 0
            ? { source: 'offline', fallback_reason: 'the model returned JSON that did not match the schema', scores: { technical_accuracy: s, communication: 7, depth: s / 2 }, feedback: 'Scored by the built-in evaluator.', improvements: [] }
            : { source: 'llm', fallback_reason: null, scores: { technical_accuracy: Math.min(10, s + 1), communication: 7.5, depth: Math.max(0, s - 1) }, feedback: 'You explain the mechanism clearly; go one level deeper on the trade-offs and say what you measured.', improvements: ['Quantify the effect of your change.', 'Name the alternative you rejected and why.'] },
        }
      : {}),
  };
}
function finish(iv) {
  if (iv.status !== 'finished') {
    iv.status = 'finished';
    iv.finished_at = now();
    iv.current = null;
    const reps = iv.answers.map((a) => answerReport(a, questions.get(a.question_id)));
    const avg = reps.length ? reps.reduce((s, r) => s + r.scores.overall, 0) / reps.length : 0;
    iv.overall_score = Math.round(avg * 10) / 10;
    iv.reports = reps;
  }
  const avg = iv.overall_score;
  return { interview: summary(iv), overall: { score: avg, content: avg, structure: null, clarity: 7, summary: 'A solid start; add concrete examples and results.' }, answers: iv.reports, strengths: ['Clear, direct openings.'], improvements: ['Quantify the results of your work.'], usage: LLM ? { calls: iv.reports.length * 2, input_tokens: 1830 * iv.reports.length, output_tokens: 240 * iv.reports.length, cost_usd: 0.0042 * iv.reports.length } : { calls: 0, input_tokens: 0, output_tokens: 0, cost_usd: 0 } };
}

const RESUME_LIMIT = 20;
const JOB_LIMIT = 50;
const own = (map, id, user) => { const x = map.get(Number(id)); return x && x.owner === user.id ? x : null; };
const strip = ({ owner, ...x }) => x;
const resumeSummary = ({ analysis, ats, text, owner, ...x }) => x;
const jobSummary = ({ analysis, text, owner, ...x }) => x;

/** Resumes, jobs and match; `body` is a Buffer here when it was not JSON. */
function docsRoute(method, seg, body, user, query) {
  if (seg[0] === 'resumes' && !seg[1] && method === 'POST') {
    if (!Buffer.isBuffer(body) || body.length === 0) return err(422, 'unprocessable', 'the file is empty');
    if (body.length > MAX_UPLOAD) return err(413, 'payload_too_large', 'the file is larger than 10 MiB');
    const kind = sniff(body);
    if (kind.error) return err(kind.status, kind.code, kind.error);
    if ([...resumes.values()].filter((x) => x.owner === user.id).length >= RESUME_LIMIT) return err(409, 'conflict', `you already have ${RESUME_LIMIT} resumes: delete one first`);
    const a = analyseResume(body, kind.format);
    if (a.error) return err(422, 'unprocessable', a.error);
    const id = nextId++;
    const res = { id, filename: query.get('filename') || 'resume', created_at: now(), owner: user.id, ...a };
    resumes.set(id, res);
    return { status: 201, body: strip(res) };
  }
  if (seg[0] === 'resumes' && !seg[1]) return { status: 200, body: { items: [...resumes.values()].filter((x) => x.owner === user.id).reverse().map(resumeSummary) } };
  if (seg[0] === 'resumes' && seg[2] === 'match') {
    const rr = own(resumes, seg[1], user);
    const jj = own(jobs, query.get('job'), user);
    if (!rr) return err(404, 'not_found', 'no such resume');
    if (!jj) return err(404, 'not_found', 'no such job', 'job');
    return { status: 200, body: matchResumeJob(rr, jj) };
  }
  if (seg[0] === 'resumes' && seg[1]) {
    const rr = own(resumes, seg[1], user);
    if (!rr) return err(404, 'not_found', 'no such resume');
    if (method === 'DELETE') { resumes.delete(rr.id); return { status: 204 }; }
    return { status: 200, body: strip(rr) };
  }
  if (seg[0] === 'jobs' && !seg[1] && method === 'POST') {
    let text, source = 'text', url = null, title = '';
    if (Buffer.isBuffer(body)) {
      if (body.length > MAX_UPLOAD) return err(413, 'payload_too_large', 'the file is larger than 10 MiB');
      const kind = sniff(body);
      if (kind.error) return err(kind.status, kind.code, kind.error);
      text = analyseResume(body, kind.format).text || '';
      source = 'file';
    } else if (body && typeof body.url === 'string') {
      if (!/^https?:\/\//i.test(body.url)) return err(400, 'invalid_argument', "'url' must be http or https", 'url');
      return err(422, 'unprocessable', 'the mock server does not fetch URLs; paste the text instead', 'url');
    } else if (body && typeof body.text === 'string') {
      text = body.text;
      title = typeof body.title === 'string' ? body.title : '';
      if (text.length < 50) return err(400, 'invalid_argument', "'text' must be 50 to 100000 characters", 'text');
    } else return err(400, 'invalid_argument', "'text' or 'url' is required", 'text');
    if (!text.trim()) return err(422, 'unprocessable', 'the file has no text');
    if ([...jobs.values()].filter((x) => x.owner === user.id).length >= JOB_LIMIT) return err(409, 'conflict', `you already have ${JOB_LIMIT} job descriptions: delete one first`);
    const a = analyseJob(text, title);
    const id = nextId++;
    const job = { id, title: a.title, source, url, created_at: now(), role_family: a.role_family, seniority: a.seniority, skills: a.skills.length, analysis: a, text, owner: user.id };
    jobs.set(id, job);
    return { status: 201, body: strip(job) };
  }
  if (seg[0] === 'jobs' && !seg[1]) return { status: 200, body: { items: [...jobs.values()].filter((x) => x.owner === user.id).reverse().map(jobSummary) } };
  if (seg[0] === 'jobs' && seg[1]) {
    const jj = own(jobs, seg[1], user);
    if (!jj) return err(404, 'not_found', 'no such job description');
    if (method === 'DELETE') { jobs.delete(jj.id); return { status: 204 }; }
    return { status: 200, body: strip(jj) };
  }
  return null;
}

async function api(method, path, body, user, query) {
  const seg = path.split('/').filter(Boolean).slice(1);
  const r = seg.join('/');
  if (r === 'auth/config') return { status: 200, body: { google_client_id: null, allowed_domains: [], password_min_length: 10 } };
  if (r === 'meta') return { status: 200, body: { roles: ROLES, difficulties: ['easy', 'medium', 'hard'], lengths: [3, 5, 8, 10], question_types: ['technical', 'behavioural', 'hr'], llm: LLM } };
  if (r === 'auth/register' && method === 'POST') {
    if ([...users.values()].some((u) => u.email === body.email)) return err(409, 'conflict', 'e-mail already registered', 'email');
    const first = users.size === 0;
    const u = { id: nextId++, email: body.email, name: body.name, role: first && body.email.startsWith('admin') ? 'admin' : body.email.startsWith('coord') ? 'coordinator' : 'student', college: 'Example College', created_at: now(), password: body.password };
    users.set(u.id, u);
    return { status: 201, body: session(u) };
  }
  if (r === 'auth/login' && method === 'POST') {
    const u = [...users.values()].find((x) => x.email === body.email && x.password === body.password);
    return u ? { status: 200, body: session(u) } : err(401, 'unauthenticated', 'wrong e-mail or password');
  }
  if (r === 'auth/refresh' && method === 'POST') {
    const id = refresh.get(body.refresh_token);
    if (!id) return err(401, 'unauthenticated', 'invalid refresh token');
    refresh.delete(body.refresh_token);
    return { status: 200, body: session(users.get(id)) };
  }
  if (r === 'auth/logout') { refresh.delete(body?.refresh_token); return { status: 204 }; }
  if (!user) return err(401, 'unauthenticated', 'sign in first');
  if (r === 'me') return { status: 200, body: pub(user) };
  const docs = docsRoute(method, seg, body, user, query);
  if (docs) return docs;
  if (r === 'interviews' && method === 'POST') {
    const pool = [...questions.values()].filter((x) => x.role === body.role && x.status === 'active');
    const plan = Array.from({ length: body.length }, (_, i) => pool[i % pool.length]);
    const r0 = body.resume_id != null ? resumes.get(Number(body.resume_id)) : null;
    const j0 = body.job_id != null ? jobs.get(Number(body.job_id)) : null;
    if ((body.resume_id != null && (!r0 || r0.owner !== user.id)) || (body.job_id != null && (!j0 || j0.owner !== user.id))) return err(404, 'not_found', 'no such resume or job', body.resume_id != null && !r0 ? 'resume_id' : 'job_id');
    const topics = r0 ? (j0 ? matchResumeJob(r0, j0).topics : r0.analysis.skills.slice(0, 5).map((k) => ({ skill: k.name, category: k.category, why: `${k.name} is on your resume`, kind: 'matched' }))) : null;
    const iv = { topics: topics && topics.length ? topics : null, resume_id: r0 ? r0.id : null, job_id: j0 ? j0.id : null, id: nextId++, mode: 'text', role: body.role, difficulty: body.difficulty, length: body.length, status: 'in_progress', overall_score: null, created_at: now(), finished_at: null, owner: user.id, plan, asked: 1, answers: [], seq: 1, followed: false };
    iv.current = prompt(iv, 'question', plan[0], 1);
    interviews.set(iv.id, iv);
    return { status: 201, body: view(iv) };
  }
  if (r === 'interviews') return { status: 200, body: { items: [...interviews.values()].filter((i) => i.owner === user.id).reverse().map(summary) } };
  if (r === 'progress') {
    const fin = [...interviews.values()].filter((i) => i.owner === user.id && i.status === 'finished');
    const trend = fin.map((i) => ({ interview_id: i.id, finished_at: i.finished_at, role: i.role, score: i.overall_score }));
    const avg = fin.length ? trend.reduce((s, t) => s + t.score, 0) / fin.length : null;
    return { status: 200, body: { interviews: fin.length, average: avg, trend, by_role: fin.length ? [{ role: fin[0].role, count: fin.length, average: avg }] : [] } };
  }
  if (seg[0] === 'interviews' && seg[1]) {
    const iv = interviews.get(Number(seg[1]));
    if (!iv) return err(404, 'not_found', 'no such interview');
    const qq = () => iv.plan[iv.asked - 1];
    if (seg[2] === 'answers' && method === 'POST') {
      if (iv.status !== 'in_progress' || !iv.current) return err(409, 'conflict', 'interview is finished');
      iv.answers.push({ question_id: iv.current.question_id, kind: iv.current.kind, prompt: iv.current.text, text: body.text, answered_at: now(), duration_ms: body.duration_ms, seq: iv.current.seq });
      iv.seq++;
      const wantFollow = iv.current.kind === 'question' && !/example|for instance/i.test(body.text) && !iv.followed;
      if (wantFollow) { iv.followed = true; iv.current = prompt(iv, 'follow_up', qq(), iv.seq); }
      else if (iv.asked < iv.length) { iv.asked++; iv.current = prompt(iv, 'question', qq(), iv.seq); }
      else iv.current = null;
      return { status: 200, body: { next: iv.current, interview: view(iv) } };
    }
    if (seg[2] === 'finish' && method === 'POST') return { status: 200, body: finish(iv) };
    if (seg[2] === 'report') return iv.status === 'finished' ? { status: 200, body: finish(iv) } : err(404, 'not_found', 'not finished');
    return { status: 200, body: view(iv) };
  }
  if (r === 'questions' && method === 'GET') {
    let items = [...questions.values()];
    const st = query.get('status') || 'active';
    if (st !== 'all') items = items.filter((x) => x.status === st);
    for (const k of ['role', 'difficulty', 'type']) if (query.get(k)) items = items.filter((x) => x[k] === query.get(k));
    if (query.get('q')) items = items.filter((x) => x.text.toLowerCase().includes(query.get('q').toLowerCase()));
    const page = Number(query.get('page') || 1), per = Number(query.get('per_page') || 20);
    return { status: 200, body: { items: items.slice((page - 1) * per, page * per), total: items.length, page, per_page: per } };
  }
  if (r === 'questions' && method === 'POST') {
    const id = nextId++;
    questions.set(id, { id, tech: [], keywords: [], follow_ups: [], ...body, source: 'coordinator', status: 'active', created_at: now(), updated_at: now() });
    return { status: 201, body: questions.get(id) };
  }
  if (seg[0] === 'questions' && seg[1]) {
    const qq = questions.get(Number(seg[1]));
    if (!qq) return err(404, 'not_found', 'no such question');
    if (method === 'PUT') Object.assign(qq, body, { updated_at: now() });
    if (method === 'DELETE') qq.status = 'retired';
    return { status: 200, body: qq };
  }
  if (r === 'students') return { status: 200, body: { items: [...users.values()].filter((u) => u.role === 'student').map((u) => ({ ...pub(u), interviews: [...interviews.values()].filter((i) => i.owner === u.id && i.status === 'finished').length, average: 6.2 })) } };
  if (seg[0] === 'students' && seg[2] === 'interviews') return { status: 200, body: { items: [...interviews.values()].filter((i) => i.owner === Number(seg[1])).map(summary) } };
  if (r === 'users' && user.role === 'admin') return { status: 200, body: { items: [...users.values()].map(pub) } };
  if (seg[0] === 'users' && method === 'PATCH') { const u = users.get(Number(seg[1])); u.role = body.role; return { status: 200, body: pub(u) }; }
  return err(404, 'not_found', `no route ${method} ${path}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The streamed answer: the follow-up word by word (with a comment and CRLFs, as proxies may add), then the result. */
async function streamAnswer(res, out) {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/event-stream');
  res.setHeader('Cache-Control', 'no-store');
  if (out.status >= 400) {
    res.end(`event: error\ndata: ${JSON.stringify(out.body)}\n\n`);
    return;
  }
  res.write(': the interviewer is thinking\n\n');
  const next = out.body.next;
  if (next && next.kind === 'follow_up') {
    const words = next.text.split(/(?<= )/);
    for (const w of words) {
      await sleep(60);
      res.write(`event: delta\r\ndata: ${JSON.stringify({ text: w })}\r\n\r\n`);
    }
  }
  res.end(`event: result\ndata: ${JSON.stringify(out.body)}\n\n`);
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (url.pathname === '/healthz') { res.setHeader('Content-Type', 'application/json'); return res.end('{"status":"ok","version":"mock"}'); }
  if (url.pathname.startsWith('/api/')) {
    const chunks = [];
    let size = 0;
    for await (const c of req) { size += c.length; if (size <= MAX_UPLOAD + 1) chunks.push(c); }
    const raw = Buffer.concat(chunks);
    const isJson = (req.headers['content-type'] || '').startsWith('application/json');
    const auth = (req.headers.authorization || '').replace(/^Bearer /, '');
    const user = users.get(access.get(auth));
    let body;
    try {
      body = isJson ? (raw.length ? JSON.parse(raw.toString('utf8')) : undefined) : raw.length ? raw : undefined;
    } catch {
      res.statusCode = 400;
      res.setHeader('Content-Type', 'application/json');
      return res.end(JSON.stringify({ error: { code: 'invalid_argument', message: 'the body is not valid JSON' } }));
    }
    const out = await api(req.method, url.pathname, body, user, url.searchParams);
    const wantsStream = LLM && /\/answers$/.test(url.pathname) && (req.headers.accept || '').includes('text/event-stream');
    if (wantsStream) return streamAnswer(res, out);
    res.statusCode = out.status;
    if (out.body !== undefined) { res.setHeader('Content-Type', 'application/json'); res.end(JSON.stringify(out.body)); } else res.end();
    return;
  }
  const file = normalize(join(dist, url.pathname));
  let data, type;
  try {
    if (!file.startsWith(dist) || url.pathname === '/') throw new Error('index');
    data = await readFile(file);
    type = TYPES[extname(file)] || 'application/octet-stream';
  } catch {
    data = await readFile(join(dist, 'index.html'));
    type = TYPES['.html'];
  }
  res.setHeader('Content-Type', type);
  res.end(data);
}).listen(port, '127.0.0.1', () => console.log(`mock candor on http://127.0.0.1:${port}`));
