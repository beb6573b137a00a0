#!/usr/bin/env node
// End-to-end: a student registers through the web UI, completes a 3-question
// text interview (answering every follow-up) and reads the report, in Debian's
// headless Chromium driven by playwright-core, against the real `candor serve`.
//
//   node tests/e2e/text-interview.e2e.mjs <path/to/candor> [<artifact dir>]
//
// Fails on any console error, uncaught page error, CSP violation or failed
// request. Always stops the server and removes its temporary directories.
// Screenshots (desktop and phone width) go to the artifact dir.

import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CHROMIUM, CHROMIUM_FLAGS, assert, createTeardown, freePort, loadChromium, log, runScenario, startCandor, waitHealthy,
  watchPage,
} from './harness.mjs';

const OVERALL_TIMEOUT_MS = 240_000;
const STEP_TIMEOUT_MS = 30_000;
const MAX_PROMPTS = 3 * 2 + 2; // 3 questions, at most one follow-up each, plus slack


// A substantive answer: a concrete example, first-person actions, numbers, a
// result. The evaluator should find something to credit and something to miss.
const ANSWER =
  'In my last internship I owned the checkout service. For example, when p99 latency rose to 900 ms, ' +
  'I profiled the requests, added an index on the orders table and cached the product lookups in Redis ' +
  'with a five minute TTL. I wrote tests, rolled it out behind a feature flag and monitored the error rate. ' +
  'As a result latency dropped to 120 ms and the on-call pages stopped; the team adopted the same approach.';

const binary = process.argv[2];
const artifacts = resolve(process.argv[3] || tmpdir());
if (!binary) {
  console.error('usage: text-interview.e2e.mjs <candor binary> [artifact dir]');
  process.exit(2);
}

const chromium = loadChromium();
// Everything that must be torn down, whatever happens.
const { state, cleanup } = createTeardown();

async function run() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'candor-e2e-data-'));
  const profile = mkdtempSync(join(tmpdir(), 'candor-e2e-chromium-'));
  state.dirs.push(dataDir, profile);
  mkdirSync(artifacts, { recursive: true });

  log(`starting ${binary} serve --port ${port}`);
  startCandor(binary, ['--port', String(port), '--data-dir', dataDir], state);
  await waitHealthy(base, state.server);
  log('server is healthy');

  const index = await fetch(`${base}/`);
  const csp = index.headers.get('content-security-policy') || '';
  assert(index.ok && (await index.text()).includes('<div id="app">'), 'GET / serves the web UI (is web/dist built?)');
  assert(/default-src 'self'/.test(csp), `the UI is served with a strict CSP (got "${csp}")`);

  state.context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  const page = state.context.pages()[0] ?? (await state.context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);

  const watch = await watchPage(state.context, page);

  // 1. Register through the UI.
  await page.goto(`${base}/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByRole('heading', { name: 'Create your account' }).waitFor();
  const email = `student.${Date.now()}@example.edu`;
  await page.getByLabel('Full name').fill('Asha Student');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('practice-makes-9');
  await page.getByLabel('Repeat password').fill('practice-makes-9');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: /Welcome, Asha/ }).waitFor();
  log(`registered ${email}`);

  // 2. Start a 3-question easy text interview.
  await page.getByRole('link', { name: 'Start an interview' }).click();
  await page.getByRole('heading', { name: 'New interview' }).waitFor();
  const role = page.getByLabel('Role');
  await role.waitFor();
  assert((await role.locator('option').count()) >= 8, 'at least 8 roles are offered');
  await role.selectOption('backend');
  await page.getByRole('radio', { name: /Easy/ }).check();
  await page.getByRole('radio', { name: /^3 questions/ }).check();
  await page.getByRole('button', { name: 'Start interview' }).click();
  await page.waitForURL((u) => /^\/interviews\/(?!new$)[^/]+$/.test(u.pathname));
  log(`interview started at ${new URL(page.url()).pathname}`);

  // 3. Answer every prompt until the app moves on to the report.
  const question = page.getByTestId('question-text');
  const answerBox = page.getByRole('textbox', { name: 'Your answer', exact: true });
  let prompts = 0;
  let followUps = 0;
  let screenshotTaken = false;
  while (!/\/report$/.test(new URL(page.url()).pathname)) {
    assert(prompts < MAX_PROMPTS, `the interview ended after at most ${MAX_PROMPTS} prompts`);
    await question.waitFor();
    await page.waitForFunction(() => !document.querySelector('#answer')?.hasAttribute('disabled'));
    const seq = await question.getAttribute('data-seq');
    const kind = await question.getAttribute('data-kind');
    const text = (await question.textContent())?.trim() ?? '';
    assert(text.length > 5, `prompt ${seq} has a question text`);
    const timer = page.getByTestId('timer');
    assert(await timer.isVisible(), 'the timer is visible');
    assert(/\d+:\d\d/.test((await timer.textContent()) ?? ''), 'the timer shows m:ss');
    assert((await page.evaluate(() => document.activeElement?.id)) === 'answer', 'focus is in the answer box');
    prompts++;
    if (kind === 'follow_up') followUps++;
    log(`prompt ${seq} (${kind}): ${text.slice(0, 70)}`);

    await answerBox.fill(`${ANSWER} (${prompts})`);
    if (!screenshotTaken) {
      await page.screenshot({ path: join(artifacts, 'e2e-interview-room.png') });
      screenshotTaken = true;
    }
    // Keyboard users submit with Ctrl+Enter; exercise that path once.
    if (prompts === 2) await answerBox.press('Control+Enter');
    else await page.getByRole('button', { name: 'Submit answer' }).click();
    // Either the next prompt (a new seq) or the report.
    await page.waitForFunction(
      (prev) => location.pathname.endsWith('/report') || (document.querySelector('[data-testid="question-text"]')?.getAttribute('data-seq') ?? prev) !== prev,
      seq,
      { timeout: STEP_TIMEOUT_MS },
    );
    if (!/\/report$/.test(new URL(page.url()).pathname)) {
      const announced = (await page.getByTestId('announcer').textContent()) ?? '';
      const next = (await question.textContent())?.trim() ?? '';
      assert(announced.includes(next), 'the new question is announced in the aria-live region');
    }
  }
  assert(prompts - followUps === 3, `3 main questions were asked (got ${prompts - followUps})`);
  log(`answered ${prompts} prompts (${followUps} follow-ups)`);

  // 4. The report.
  await page.getByRole('heading', { name: 'Interview report' }).waitFor();
  const overall = page.getByTestId('overall-score');
  await overall.waitFor();
  const overallScore = Number((await overall.textContent())?.trim());
  assert(Number.isFinite(overallScore) && overallScore >= 0 && overallScore <= 10, `overall score is 0–10 (got ${overallScore})`);
  const cards = page.getByTestId('answer-report');
  const nCards = await cards.count();
  assert(nCards === prompts, `one report card per answered prompt (${nCards} vs ${prompts})`);
  for (let i = 0; i < nCards; i++) {
    const card = cards.nth(i);
    const s = Number((await card.getByTestId('answer-score').textContent())?.replace('/10', '').trim());
    assert(Number.isFinite(s) && s >= 0 && s <= 10, `answer ${i + 1} has a 0–10 score (got ${s})`);
    assert(await card.getByRole('heading', { name: 'Talking points covered' }).isVisible(), `answer ${i + 1} lists covered talking points`);
    assert(await card.getByRole('heading', { name: 'Talking points missed' }).isVisible(), `answer ${i + 1} lists missed talking points`);
    assert(await card.getByTestId('points-covered').isVisible(), `answer ${i + 1} shows the covered points`);
    assert(await card.getByTestId('points-missed').isVisible(), `answer ${i + 1} shows the missed points`);
  }
  const answerText = await cards.first().locator('.answer-text').textContent();
  assert(answerText?.includes('checkout service'), 'the report shows the answer that was written');
  log(`report: overall ${overallScore}, ${nCards} answers`);

  await page.screenshot({ path: join(artifacts, 'e2e-report-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(artifacts, 'e2e-report-phone.png'), fullPage: true });

  // 5. The dashboard now shows the finished interview and its score.
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await page.getByRole('heading', { name: /Welcome, Asha/ }).waitFor();
  await page.getByTestId('trend-chart').waitFor();
  assert((await page.getByTestId('stat-count').textContent())?.trim() === '1', 'the dashboard counts one finished interview');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(artifacts, 'e2e-dashboard.png'), fullPage: true });

  await watch.assertClean(page);
  log(`screenshots in ${artifacts}`);
}

await runScenario(run, { state, cleanup, artifacts, timeoutMs: OVERALL_TIMEOUT_MS });
