#!/usr/bin/env node
// End-to-end: a student registers through the web UI, uploads a real PDF
// resume (printed at test time by Chromium itself from an HTML resume), sees
// its skills and ATS score with every check, pastes a job description, sees
// the match percentage and its formula, starts an interview aimed at both,
// answers a targeted question (whose reason is shown), and deletes the resume.
// The server's AI interviewer talks to a loopback model that speaks the
// OpenAI Chat Completions protocol, so a weak answer gets a follow-up that
// appears word by word (streamed as Server-Sent Events) and the report shows
// the model's evaluation next to the offline one, with the usage footer.
// Also: a file that is not a document is refused with the server's message,
// and a file over 10 MiB is refused before any upload. Runs Debian's headless
// Chromium with playwright-core against the real `candor serve`.
//
//   node tests/e2e/resume.e2e.mjs <path/to/candor> [<artifact dir>]
//
// Fails on any console error, uncaught page error, CSP violation, failed
// request or HTTP status >= 400 other than the one 415 it provokes. Always
// stops the server and removes its temporary directories.

import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CHROMIUM, CHROMIUM_FLAGS, assert, createTeardown, freePort, loadChromium, log, runScenario, sleep, startCandor, waitHealthy,
  watchPage,
} from './harness.mjs';

const OVERALL_TIMEOUT_MS = 240_000;
const STEP_TIMEOUT_MS = 30_000;
const MAX_PROMPTS = 6; // a 3-question interview with follow-ups: enough to reach a targeted prompt
const UPLOAD_LIMIT = 10 * 1024 * 1024;

// The resume, as HTML that Chromium prints to PDF: standard headings, dated
// roles, bullets with numbers, a skills list the taxonomy knows.
const RESUME_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Asha Student</title>
<style>body{font:11pt Helvetica,Arial,sans-serif;margin:36px}h1{font-size:20pt;margin:0}h2{font-size:13pt;margin:16px 0 4px}ul{margin:4px 0}</style></head>
<body>
<h1>Asha Student</h1>
<p>asha.student@example.edu | +91 98765 43210 | github.com/ashastudent</p>
<h2>Summary</h2>
<p>Backend engineer who builds reliable APIs and data pipelines.</p>
<h2>Experience</h2>
<p>Software Engineer, Payments Co, Jan 2021 - Present</p>
<ul>
<li>Built a payments API in Go and PostgreSQL serving 2,000 requests per second</li>
<li>Reduced p99 latency by 40% by adding Redis caching</li>
<li>Migrated 12 services to Docker and Kubernetes on AWS</li>
</ul>
<p>Software Engineering Intern, ShopKart, Jun 2019 - Dec 2020</p>
<ul>
<li>Wrote Python services that processed 1 million orders a day</li>
<li>Shipped an Apache Kafka consumer for order events</li>
</ul>
<h2>Education</h2>
<p>B.Tech in Computer Science, State University, 2020</p>
<h2>Skills</h2>
<p>Go, Python, SQL, PostgreSQL, Redis, Apache Kafka, Docker, Kubernetes, AWS, Git</p>
<h2>Projects</h2>
<p>Tiny compiler in Go: lexer, parser and a bytecode virtual machine</p>
</body></html>`;

const JD_TITLE = 'Backend Engineer, Payments';
const JD = `Backend Engineer, Payments

We build the payment rails for small businesses.

Requirements:
- 3+ years building backend services in Go or Java
- PostgreSQL and Apache Kafka in production
- Kubernetes and Docker
- gRPC APIs

Nice to have:
- Terraform
- Redis
`;

const ANSWER =
  'At Payments Co I used it for the ledger service. For example, when p99 latency rose to 900 ms, I profiled ' +
  'the hot path, added an index and cached lookups in Redis with a five minute TTL, rolled it out behind a flag ' +
  'and watched the error rate. As a result latency dropped to 120 ms and the on-call pages stopped.';

// What the loopback model writes as a follow-up, one word every WORD_DELAY_MS.
const FOLLOW_UP = 'What did you measure to show that your change really helped the users?';
const WORD_DELAY_MS = 120;
const WEAK = 'I think caching is good, it makes things faster.';

const binary = process.argv[2];
const artifacts = resolve(process.argv[3] || tmpdir());
if (!binary) {
  console.error('usage: resume.e2e.mjs <candor binary> [artifact dir]');
  process.exit(2);
}

const chromium = loadChromium();
// Everything that must be torn down, whatever happens; the loopback model first.
const { state, cleanup } = createTeardown(async () => {
  if (state.model) {
    state.model.server.close();
    state.model.server.closeAllConnections?.();
    state.model = null;
  }
});
state.model = null;

/** A loopback model speaking OpenAI Chat Completions: streamed follow-ups, JSON grades. */
function startModel() {
  const calls = { stream: 0, grade: 0 };
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      let r;
      try {
        r = JSON.parse(body);
      } catch {
        res.statusCode = 400;
        return res.end('{}');
      }
      if (req.url !== '/v1/chat/completions') {
        res.statusCode = 404;
        return res.end('{}');
      }
      if (r.stream) {
        calls.stream++;
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const w of FOLLOW_UP.split(/(?<= )/)) {
          res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: w } }] })}\n\n`);
          await sleep(WORD_DELAY_MS);
        }
        res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
        res.write(`data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 120, completion_tokens: 14 } })}\n\n`);
        return res.end('data: [DONE]\n\n');
      }
      const system = (r.messages || []).find((m) => m.role === 'system')?.content ?? '';
      const grading = /grading/i.test(system);
      if (grading) calls.grade++;
      const content = grading
        ? JSON.stringify({ technical_accuracy: 6, communication: 7, depth: 4, feedback: 'Clear, but say what you measured.', improvements: ['Quote the latency before and after.'] })
        : FOLLOW_UP;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { prompt_tokens: 300, completion_tokens: 40 } }));
    });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, calls, base: `http://127.0.0.1:${server.address().port}` })));
}

/** Text content of a locator as a number (e.g. "72" or "70.6"). */
async function numberIn(locator) {
  return Number(((await locator.textContent()) ?? '').trim());
}

async function run() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'candor-e2e-data-'));
  const profile = mkdtempSync(join(tmpdir(), 'candor-e2e-chromium-'));
  const files = mkdtempSync(join(tmpdir(), 'candor-e2e-files-'));
  state.dirs.push(dataDir, profile, files);
  mkdirSync(artifacts, { recursive: true });

  state.model = await startModel();
  log(`starting ${binary} serve --port ${port} with a loopback model at ${state.model.base}`);
  startCandor(binary, ['--port', String(port), '--data-dir', dataDir, '--llm-provider', 'openai', '--llm-url', state.model.base, '--llm-model', 'e2e-model'], state, { CANDOR_LLM_API_KEY: 'sk-e2e-not-a-real-key' });
  await waitHealthy(base, state.server);
  log('server is healthy');
  const index = await fetch(`${base}/`);
  assert(index.ok && (await index.text()).includes('<div id="app">'), 'GET / serves the web UI (is web/dist built?)');

  state.context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
  });

  // The resume as a real PDF, printed by the browser from HTML (no generator to install).
  const printer = await state.context.newPage();
  await printer.setContent(RESUME_HTML, { waitUntil: 'load' });
  const pdfPath = join(files, 'asha-student-resume.pdf');
  const pdf = await printer.pdf({ format: 'A4', printBackground: false });
  await printer.close();
  assert(pdf.subarray(0, 5).toString('latin1') === '%PDF-', 'Chromium printed a PDF');
  writeFileSync(pdfPath, pdf);
  log(`printed the resume: ${pdf.length} bytes of PDF`);

  const page = state.context.pages()[0] ?? (await state.context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);

  // The one refusal this test provokes on purpose; anything else >= 400 fails it.
  let expected415 = 0;
  const resumePosts = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/resumes') resumePosts.push(r.url());
  });
  const watch = await watchPage(state.context, page, (kind, what) =>
    expected415 > 0 &&
    (kind === 'console' ? /status of 415/.test(what) : what.status() === 415 && new URL(what.url()).pathname === '/api/resumes'));

  // 1. Register through the UI.
  await page.goto(`${base}/register`);
  await page.getByRole('heading', { name: 'Create your account' }).waitFor();
  const email = `asha.${Date.now()}@example.edu`;
  await page.getByLabel('Full name').fill('Asha Student');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('practice-makes-9');
  await page.getByLabel('Repeat password').fill('practice-makes-9');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: /Welcome, Asha/ }).waitFor();
  log(`registered ${email}`);

  // 2. The Resumes page, from the navigation.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Resumes' }).click();
  await page.getByRole('heading', { name: 'Resumes', exact: true }).waitFor();
  const fileInput = page.getByLabel('Choose a resume file');

  // 2a. Over 10 MiB: refused in the browser, nothing is sent.
  await fileInput.setInputFiles({ name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(UPLOAD_LIMIT + 1, 0x20) });
  await page.getByText(/huge\.pdf is 10\.0 MiB; the limit is 10 MiB/).waitFor();
  assert(resumePosts.length === 0, 'a file over 10 MiB is not uploaded');

  // 2b. Not a document (PNG bytes, an innocent name): the server refuses it with 415 and says why.
  expected415 = 1;
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  await fileInput.setInputFiles({ name: 'resume-photo.bin', mimeType: 'application/octet-stream', buffer: png });
  await page.getByTestId('refusal-title').waitFor();
  assert((await page.getByTestId('refusal-title').textContent())?.includes('This file type cannot be read'), 'a 415 is titled as an unreadable file type');
  const refusal = ((await page.getByTestId('refusal-message').textContent()) ?? '').trim();
  assert(refusal.length > 5, `the server's reason is shown (got "${refusal}")`);
  assert(resumePosts.length === 1, 'the refused file was sent once');
  log(`refused as expected: ${refusal}`);

  // 3. Upload the PDF: the analysis page shows skills and the ATS score with every check.
  await fileInput.setInputFiles(pdfPath);
  await page.waitForURL((u) => /^\/resumes\/[^/]+$/.test(u.pathname));
  await page.getByRole('heading', { name: 'Resume analysis' }).waitFor();
  await page.getByTestId('resume-skills').waitFor();
  const skills = (await page.getByTestId('resume-skills').getByTestId('skill').allTextContents()).map((s) => s.replace(/×\d+$/, '').trim());
  for (const want of ['PostgreSQL', 'Kubernetes', 'Redis']) assert(skills.includes(want), `the resume's skills include ${want} (got ${skills.join(', ')})`);
  assert(skills.some((s) => /^(Go|Golang)$/.test(s)), `the resume's skills include Go (got ${skills.join(', ')})`);
  assert(((await page.locator('.page-header .subtitle').textContent()) ?? '').includes('PDF'), 'the resume is recognised as a PDF');
  const ats = page.getByTestId('ats');
  const atsScore = await numberIn(ats.getByTestId('ats-score'));
  assert(Number.isFinite(atsScore) && atsScore >= 0 && atsScore <= 100, `the ATS score is 0–100 (got ${atsScore})`);
  const tallies = await ats.locator('.ats-tally').allTextContents();
  assert(tallies.length >= 8, `every ATS check is listed (got ${tallies.length})`);
  let points = 0;
  let max = 0;
  for (const t of tallies) {
    const m = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(t.trim());
    assert(m, `each check shows points/max (got "${t}")`);
    points += Number(m[1]);
    max += Number(m[2]);
  }
  assert(Math.abs(max - 100) < 0.01, `the checks' maxima add up to 100 (got ${max})`);
  assert(Math.abs(points - atsScore) <= 1, `the checks' points add up to the ATS score (${points} vs ${atsScore})`);
  const reasons = await ats.locator('.ats-reason').count();
  assert(reasons === tallies.length, `every check gives its reason (${reasons} of ${tallies.length})`);
  // Chromium draws list bullets as shapes, not characters: the five <li> lines still count.
  const bulletReason = (await ats.locator('[data-check="bullets"] .ats-reason').textContent()) ?? '';
  assert(/^5 bullet lines/.test(bulletReason.trim()), `the five printed list items count as bullets (got "${bulletReason}")`);
  const years = ((await page.getByTestId('summary-years').textContent()) ?? '').trim();
  assert(/year/.test(years), `years of experience are shown (got "${years}")`);
  log(`resume: ATS ${atsScore}, ${skills.length} skills, ${years}`);
  await page.screenshot({ path: join(artifacts, 'e2e-resume-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(artifacts, 'e2e-resume-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // 4. Paste a job description.
  await page.getByRole('link', { name: 'add one' }).or(page.getByRole('link', { name: 'Add one' })).first().click();
  await page.getByRole('heading', { name: 'Job descriptions', exact: true }).waitFor();
  await page.getByLabel('Title (optional)').fill(JD_TITLE);
  await page.getByLabel('Job description', { exact: true }).fill(JD);
  await page.getByRole('button', { name: 'Analyse job description' }).click();
  await page.waitForURL((u) => /^\/jobs\/[^/]+$/.test(u.pathname));
  await page.getByRole('heading', { name: JD_TITLE }).waitFor();
  const required = await page.getByTestId('job-required').locator('li').count().catch(() => 0);
  const nice = await page.getByTestId('job-nice').locator('li').count().catch(() => 0);
  assert(required + nice >= 4, `the job's skills are listed (${required} required, ${nice} nice to have)`);
  assert(((await page.getByTestId('job-role').textContent()) ?? '').includes('Backend'), 'the role family is recognised as Backend');
  log(`job: ${required} required and ${nice} nice-to-have skills`);
  const jobPath = new URL(page.url()).pathname;

  // 4b. A second job description, dropped as a file on the upload zone (drag and drop).
  await page.getByRole('link', { name: 'All jobs' }).click();
  await page.getByRole('heading', { name: 'Job descriptions', exact: true }).waitFor();
  await page.getByRole('radio', { name: 'Upload a file' }).check();
  await page.getByTestId('dropzone').waitFor();
  const dropped = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'platform-engineer.txt', { type: 'text/plain' }));
    return dt;
  }, JD.replace('Backend Engineer, Payments', 'Platform Engineer, Payments'));
  await page.getByTestId('dropzone').dispatchEvent('dragover', { dataTransfer: dropped });
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: dropped });
  await page.waitForURL((u) => /^\/jobs\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith(jobPath));
  await page.getByRole('heading', { name: /Platform Engineer/ }).waitFor();
  assert(((await page.locator('.page-header .subtitle').textContent()) ?? '').includes('file'), 'the dropped job description is recorded as a file');
  await page.goto(`${base}${jobPath}`);
  await page.getByRole('heading', { name: JD_TITLE }).waitFor();
  log('second job description added by drag and drop');

  // 5. Compare with the resume: match % with its formula.
  await page.getByRole('region', { name: 'Compare with my resume' }).getByRole('button', { name: 'Compare' }).click();
  await page.waitForURL((u) => /^\/resumes\/[^/]+\/match\/[^/]+$/.test(u.pathname));
  await page.getByRole('heading', { name: 'Resume and job match' }).waitFor();
  const percent = await numberIn(page.getByTestId('match-percent'));
  assert(Number.isFinite(percent) && percent > 0 && percent <= 100, `the match is a percentage above 0 (got ${percent})`);
  const formula = ((await page.getByTestId('match-formula').textContent()) ?? '').trim();
  assert(/%/.test(formula) && formula.length > 20, `the formula is shown (got "${formula}")`);
  const matched = await page.getByTestId('matched').locator('li').allTextContents();
  assert(matched.some((s) => s.includes('PostgreSQL')), `PostgreSQL is a matched skill (got ${matched.join(', ')})`);
  const missing = await page.getByTestId('missing').locator('li').allTextContents();
  assert(missing.some((s) => /gRPC|Terraform/.test(s)), `gRPC or Terraform is missing (got ${missing.join(', ')})`);
  assert((await page.getByTestId('gaps').locator('li').count()) === missing.length, 'every missing skill is in the ranked gap list');
  assert((await page.getByTestId('ats').getByTestId('ats-check').count()) >= 8, 'the ATS report for this job lists every check');
  log(`match: ${percent}% — ${formula.slice(0, 90)}`);
  await page.screenshot({ path: join(artifacts, 'e2e-match.png'), fullPage: true });

  // 6. Start an interview aimed at the resume and the job.
  assert(((await page.getByTestId('match-role').textContent()) ?? '').includes('Backend'), "the interview's role comes from the job");
  await page.getByRole('radio', { name: /^3 questions/ }).check();
  await page.getByRole('button', { name: 'Start an interview on this' }).click();
  await page.waitForURL((u) => /^\/interviews\/(?!new$)[^/]+$/.test(u.pathname));
  log(`interview started at ${new URL(page.url()).pathname}`);

  // 7. A weak first answer: the model's follow-up appears word by word, then becomes the prompt.
  const question = page.getByTestId('question-text');
  await page.locator('.ai-pill').waitFor(); // the room says an AI interviewer is on
  let prompts = 0;
  let targeted = null;
  await question.waitFor();
  await page.waitForFunction(() => !document.querySelector('#answer')?.hasAttribute('disabled'));
  if (await page.getByTestId('question-why').isVisible()) {
    targeted = { text: ((await question.textContent()) ?? '').trim(), why: ((await page.getByTestId('question-why').textContent()) ?? '').trim() };
  }
  // Record every text the streaming card shows, as the user would see it.
  await page.evaluate(() => {
    window.__streamed = [];
    new MutationObserver(() => {
      const t = document.querySelector('[data-testid="streaming"] .question-text')?.textContent ?? '';
      if (t && window.__streamed.at(-1) !== t) window.__streamed.push(t);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('textbox', { name: 'Your answer', exact: true }).fill(WEAK);
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await page.getByTestId('streaming').waitFor();
  await page.screenshot({ path: join(artifacts, 'e2e-streaming.png') });
  await page.waitForFunction(() => document.querySelector('[data-testid="question-text"]')?.getAttribute('data-kind') === 'follow_up');
  prompts++;
  const streamed = await page.evaluate(() => window.__streamed);
  assert(streamed.length >= 3, `the follow-up appeared piece by piece (${streamed.length} states: ${JSON.stringify(streamed)})`);
  for (let i = 0; i < streamed.length; i++) {
    assert(FOLLOW_UP.startsWith(streamed[i]), `each streamed state is the start of the follow-up ("${streamed[i]}")`);
    if (i) assert(streamed[i].length > streamed[i - 1].length, 'the streamed text only grows');
  }
  assert(((await question.textContent()) ?? '').trim() === FOLLOW_UP, "the model's follow-up becomes the prompt");
  assert(!(await page.getByTestId('streaming').isVisible()), 'the streaming card is gone once the result arrived');
  log(`streamed follow-up in ${streamed.length} steps: "${FOLLOW_UP}"`);

  // 8. Answer until a targeted question (with its reason) has been answered.
  while (!targeted || prompts < 2) {
    assert(prompts < MAX_PROMPTS, `a targeted question with its reason appears within ${MAX_PROMPTS} prompts`);
    await question.waitFor();
    await page.waitForFunction(() => !document.querySelector('#answer')?.hasAttribute('disabled'));
    const seq = await question.getAttribute('data-seq');
    const why = page.getByTestId('question-why');
    if (await why.isVisible()) {
      targeted = { text: ((await question.textContent()) ?? '').trim(), why: ((await why.textContent()) ?? '').trim() };
      await page.screenshot({ path: join(artifacts, 'e2e-targeted-room.png') });
    }
    prompts++;
    await page.getByRole('textbox', { name: 'Your answer', exact: true }).fill(ANSWER);
    await page.getByRole('button', { name: 'Submit answer' }).click();
    await page.waitForFunction(
      (prev) => location.pathname.endsWith('/report') || (document.querySelector('[data-testid="question-text"]')?.getAttribute('data-seq') ?? prev) !== prev,
      seq,
      { timeout: STEP_TIMEOUT_MS },
    );
    assert(!page.url().endsWith('/report') || targeted, 'the interview did not end before a targeted question');
  }
  assert(/^Why this question:/.test(targeted.why) && targeted.why.length > 25, `the reason is spelled out (got "${targeted.why}")`);
  log(`answered ${prompts} prompt(s); targeted: "${targeted.text.slice(0, 60)}" — ${targeted.why}`);

  // 9. End early: the report puts the model's evaluation next to the offline scores, and the usage.
  if (!page.url().endsWith('/report')) {
    await page.getByRole('button', { name: 'End interview' }).click();
    await page.getByRole('button', { name: 'End and see report' }).click();
  }
  await page.getByRole('heading', { name: 'Interview report' }).waitFor();
  await page.getByTestId('overall-score').waitFor();
  const aiPanels = page.getByTestId('ai-panel');
  assert((await aiPanels.count()) === (await page.getByTestId('answer-report').count()), 'every answer has an AI interviewer panel');
  assert((await aiPanels.first().getAttribute('data-source')) === 'llm', 'the first evaluation came from the model');
  assert(((await aiPanels.first().textContent()) ?? '').includes('Clear, but say what you measured.'), "the model's feedback is shown");
  const usage = ((await page.getByTestId('usage').textContent()) ?? '').trim();
  assert(/\d+ model calls? · [\d,]+ input \+ [\d,]+ output tokens/.test(usage), `the usage footer counts calls and tokens (got "${usage}")`);
  assert(state.model.calls.stream >= 1 && state.model.calls.grade >= 1, `the model was asked to stream and to grade (${JSON.stringify(state.model.calls)})`);
  log(`report: ${await aiPanels.count()} AI panels; ${usage}`);
  await page.screenshot({ path: join(artifacts, 'e2e-ai-report.png'), fullPage: true });

  // 10. The resume list shows it; delete it after confirming.
  await page.goto(`${base}/resumes`);
  await page.getByTestId('resume-list').waitFor();
  const row = page.getByTestId('resume-list').locator('tbody tr');
  assert((await row.count()) === 1, 'one resume is listed');
  assert(((await row.first().textContent()) ?? '').includes('asha-student-resume.pdf'), 'the list shows the file name');
  await row.first().getByRole('button', { name: /^Delete/ }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByText('No resumes yet').waitFor();
  log('resume deleted');

  await watch.assertClean(page);
  log(`screenshots in ${artifacts}`);
}

await runScenario(run, { state, cleanup, artifacts, timeoutMs: OVERALL_TIMEOUT_MS });
