// Shared helpers for the integration tests: start the real `candor serve`
// on a free loopback port with a fresh data directory, and talk to it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';

export const BIN = process.env.CANDOR_BIN;
export const SRC = process.env.CANDOR_SOURCE_DIR || process.cwd();
if (!BIN) throw new Error('CANDOR_BIN must point at the candor binary');

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export function runCli(args, { input, dataDir, env } = {}) {
  const r = spawnSync(BIN, args, {
    cwd: SRC,
    input,
    encoding: 'utf8',
    env: { ...process.env, CANDOR_DATA_DIR: dataDir ?? '', ...env },
    timeout: 60000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Starts a server; resolves to { base, dataDir, stop(), secret() }.
export async function startServer(extraArgs = [], { dataDir } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'candor-it-'));
  const port = await freePort();
  const args = ['serve', '--bind', '127.0.0.1', '--port', String(port), '--data-dir', dir,
    '--password-cost', 'minimum', ...extraArgs];
  const child = spawn(BIN, args, { cwd: SRC, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, sig) => resolve({ code, sig })));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`candor serve exited early:\n${log}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`server did not start:\n${log}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    dataDir: dir,
    log: () => log,
    secret: () => readFileSync(join(dir, 'jwt.key')),
    // Stops with SIGTERM and returns the exit status: a clean shutdown (and,
    // under ASan, no leaks) exits 0.
    async stop({ keepData = false } = {}) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 20000);
      const r = await exited;
      clearTimeout(t);
      if (!keepData && !dataDir) rmSync(dir, { recursive: true, force: true });
      return { ...r, log };
    },
  };
}

// JSON request helper: returns { status, body, headers }.
export async function api(base, method, path, { token, body, raw, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) { payload = JSON.stringify(body); h['content-type'] ??= 'application/json'; }
  const r = await fetch(base + path, { method, headers: h, body: payload });
  const text = await r.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
  return { status: r.status, body: parsed, headers: r.headers };
}

let counter = 0;
export async function register(base, { email, name = 'Test User', password = 'Str0ng-passphrase!' } = {}) {
  counter += 1;
  const e = email ?? `user${Date.now()}${counter}@college.edu`;
  const r = await api(base, 'POST', '/api/auth/register', { body: { email: e, password, name } });
  if (r.status !== 201) throw new Error(`register failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { ...r.body, email: e, password };
}

// Creates a user with the CLI (how coordinators and admins are made) while
// the server runs, then signs in through the API.
export async function userWithRole(srv, role) {
  counter += 1;
  const email = `${role}${Date.now()}${counter}@college.edu`;
  const password = 'Str0ng-passphrase!';
  const r = runCli(['user', 'add', '--email', email, '--role', role, '--password-stdin',
    '--password-cost', 'minimum'], { input: `${password}\n`, dataDir: srv.dataDir });
  if (r.code !== 0) throw new Error(`user add failed: ${r.err}`);
  const s = await api(srv.base, 'POST', '/api/auth/login', { body: { email, password } });
  if (s.status !== 200) throw new Error(`login failed: ${s.status} ${JSON.stringify(s.body)}`);
  return { ...s.body, email, password };
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');
// Signs an HS256 JWT with the server's key, with any header/claims.
export function forgeToken(secret, claims, header = { alg: 'HS256', typ: 'JWT' }) {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const sig = header.alg === 'none' ? '' : b64url(createHmac('sha256', secret).update(input).digest());
  return `${input}.${sig}`;
}
