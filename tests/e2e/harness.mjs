// Shared by the browser end-to-end tests: Debian's Chromium via
// playwright-core, the real `candor serve` on a free loopback port, and a
// teardown that always stops the server and removes temporary directories,
// also when ctest kills the test on its timeout.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const HEALTH_TIMEOUT_MS = 60_000;
export const CHROMIUM = process.env.CANDOR_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** playwright-core's chromium, from web/node_modules; exits 1 with a hint when missing. */
export function loadChromium() {
  const require = createRequire(join(REPO, 'web', 'package.json'));
  try {
    return require('playwright-core').chromium;
  } catch {
    console.error('e2e: playwright-core is missing; run `npm ci` in web/ (make web does it)');
    process.exit(1);
  }
}

export function log(msg) {
  console.log(`[e2e ${new Date().toISOString().slice(11, 23)}] ${msg}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function assert(cond, msg) {
  if (!cond) throw new Error(`assertion failed: ${msg}`);
}

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

export async function waitHealthy(base, server) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`candor serve exited early with status ${server.exitCode}`);
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error(`GET /healthz did not answer within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

/**
 * Everything a test must tear down. `state.server` (the candor process),
 * `state.context` (the browser), `state.dirs` (temporary folders),
 * `state.serverLog` (its last output lines); `onCleanup` runs extra teardown
 * (e.g. a loopback model server) before the server is stopped.
 */
export function createTeardown(onCleanup = async () => {}) {
  const state = { server: null, context: null, dirs: [], serverLog: [] };
  const killServer = () => {
    const s = state.server;
    if (s && s.exitCode === null && s.signalCode === null) {
      try {
        s.kill('SIGTERM');
      } catch {
        /* already gone */
      }
    }
  };
  const cleanup = async () => {
    if (state.context) {
      await state.context.close().catch(() => undefined);
      state.context = null;
    }
    await onCleanup();
    if (state.server) {
      killServer();
      const s = state.server;
      const exited = s.exitCode !== null || s.signalCode !== null ? Promise.resolve() : new Promise((r) => s.once('exit', r));
      const timedOut = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)]);
      if (timedOut) s.kill('SIGKILL');
      state.server = null;
    }
    for (const d of state.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  };
  // ctest kills with SIGTERM/SIGKILL on its timeout; do not leave a server behind.
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      killServer();
      for (const d of state.dirs) rmSync(d, { recursive: true, force: true });
      process.exit(1);
    });
  }
  process.on('exit', killServer);
  return { state, cleanup };
}

/** Starts `candor serve` with args (and extra environment), keeping its last output lines in state.serverLog. */
export function startCandor(binary, args, state, env = {}) {
  state.server = spawn(binary, ['serve', ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  for (const stream of [state.server.stdout, state.server.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      state.serverLog.push(chunk);
      if (state.serverLog.length > 400) state.serverLog.shift();
    });
  }
  return state.server;
}

/**
 * Watches a page for what a user must never meet: console errors, uncaught
 * page errors, failed requests, HTTP responses >= 400 and CSP violations.
 * `excuse(kind, detail)` lets a test pass over a refusal it provokes on
 * purpose (kind: 'console' with the message text, or 'response' with the
 * playwright Response). Call `assertClean(page)` at the end.
 */
export async function watchPage(context, page, excuse = () => false) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !excuse('console', m.text())) problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText;
    // ERR_ABORTED is the browser cancelling, never the server failing (that is
    // ERR_EMPTY_RESPONSE, ERR_CONNECTION_RESET, ...): a GET still in flight when
    // the test navigates to the next page is cancelled, and that is fine.
    if (r.method() === 'GET' && why === 'net::ERR_ABORTED') return;
    // Chromium also reports a streamed (text/event-stream) answer that was read
    // to its end through a ReadableStream as ERR_ABORTED (playwright#42742);
    // tests check streamed answers by what the page shows instead.
    const streamedAnswer = r.method() === 'POST' && /\/answers$/.test(new URL(r.url()).pathname) && r.headers().accept === 'text/event-stream';
    if (streamedAnswer && why === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.method()} ${r.url()} (${why})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !excuse('response', r)) problems.push(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
  });
  // CSP violations are also console errors, but record them explicitly.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  return {
    problems,
    async assertClean(onPage) {
      for (const v of await onPage.evaluate(() => window.__cspViolations)) problems.push(`CSP violation: ${v}`);
      assert(problems.length === 0, `no console errors, CSP violations or failed requests:\n  ${problems.join('\n  ')}`);
    },
  };
}

/**
 * Runs an e2e scenario under an overall time limit, reports PASS or the
 * failure (with a screenshot in `artifacts` and the server's last lines),
 * always tears down, and exits the process with the result.
 */
export async function runScenario(run, { state, cleanup, artifacts, timeoutMs }) {
  let failed = false;
  try {
    await Promise.race([
      run(),
      sleep(timeoutMs).then(() => {
        throw new Error(`overall timeout of ${timeoutMs / 1000} s exceeded`);
      }),
    ]);
    log('PASS');
  } catch (e) {
    failed = true;
    console.error(`e2e FAILED: ${e && e.stack ? e.stack : e}`);
    const p = state.context?.pages()[0];
    if (p) await p.screenshot({ path: join(artifacts, 'e2e-failure.png'), fullPage: true }).catch(() => undefined);
    if (state.serverLog.length) console.error(`--- server output (last lines) ---\n${state.serverLog.join('').split('\n').slice(-60).join('\n')}`);
  } finally {
    await cleanup();
  }
  process.exit(failed ? 1 : 0);
}
