// The operations CLI: clear usage errors, first admin, migrate and seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './lib.mjs';

const fresh = () => mkdtempSync(join(tmpdir(), 'candor-cli-'));

test('help, version and usage errors', () => {
  assert.equal(runCli(['--help']).code, 0);
  assert.match(runCli(['version']).out, /^candor \d+\.\d+/);
  const unknown = runCli(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown command 'frobnicate'/);
  const badFlag = runCli(['serve', '--prot', '1']);
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.err, /unknown option '--prot'/);
  const badPort = runCli(['serve', '--port', 'eighty']);
  assert.equal(badPort.code, 2);
  assert.match(badPort.err, /not a valid/);
  assert.equal(runCli(['user']).code, 2);
  assert.match(runCli(['user', 'add']).err, /needs --email/);
  assert.match(runCli(['user', 'add', '--email', 'a@b.edu', '--role', 'king']).err, /unknown role/);
});

test('migrate is idempotent; seed loads and updates the bank', () => {
  const d = fresh();
  const m1 = runCli(['migrate', '--data-dir', d]);
  assert.equal(m1.code, 0, m1.err);
  assert.match(m1.out, /from version 0 to \d+/);
  assert.match(runCli(['migrate', '--data-dir', d]).out, /up to date/);
  const s1 = runCli(['seed', '--data-dir', d]);
  assert.equal(s1.code, 0, s1.err);
  const [, total, added] = s1.out.match(/(\d+) questions read, (\d+) added/).map(Number);
  assert.ok(total >= 300, `at least 300 curated questions (${total})`);
  assert.equal(added, total);
  assert.match(runCli(['seed', '--data-dir', d]).out, /0 added, 0 updated/);
});

test('seed refuses an invalid bank and writes nothing', () => {
  const d = fresh();
  const q = join(d, 'q');
  mkdirSync(q);
  writeFileSync(join(q, 'a.json'), JSON.stringify([{ id: 'x-1', role: 'backend', difficulty: 'easy', type: 'technical', text: 'A valid question text?', talking_points: ['a point'] }]));
  writeFileSync(join(q, 'b.json'), JSON.stringify([{ id: 'x-2', role: 'backend', difficulty: 'extreme', type: 'technical', text: 'Another question text?', talking_points: ['p'] }]));
  const r = runCli(['seed', '--data-dir', d, '--questions-dir', q]);
  assert.equal(r.code, 1);
  assert.match(r.err, /b\.json: question 1: 'difficulty' must be one of/);
  writeFileSync(join(q, 'b.json'), '[');
  assert.match(runCli(['seed', '--data-dir', d, '--questions-dir', q]).err, /b\.json: not a JSON array/);
  writeFileSync(join(q, 'b.json'), '[]');
  const ok = runCli(['seed', '--data-dir', d, '--questions-dir', q]);
  assert.match(ok.out, /1 questions read, 1 added/, 'the earlier failures wrote nothing');
});

test('the first admin comes from the command line', () => {
  const d = fresh();
  const add = runCli(['user', 'add', '--email', 'Root@College.edu', '--role', 'admin', '--name', 'Root', '--password-stdin', '--password-cost', 'minimum'],
    { input: 'Str0ng-passphrase!\n', dataDir: d });
  assert.equal(add.code, 0, add.err);
  assert.match(add.out, /created root@college\.edu \(admin\)/);
  const dup = runCli(['user', 'add', '--email', 'root@college.edu', '--password-stdin'], { input: 'Str0ng-passphrase!\n', dataDir: d });
  assert.equal(dup.code, 1);
  assert.match(dup.err, /already exists/);
  const weak = runCli(['user', 'add', '--email', 'w@college.edu', '--password-stdin'], { input: 'abc\n', dataDir: d });
  assert.equal(weak.code, 1);
  assert.match(weak.err, /password/i);
  assert.match(runCli(['user', 'list'], { dataDir: d }).out, /admin\s+root@college\.edu/);
  const role = runCli(['user', 'role', '--email', 'root@college.edu', '--role', 'coordinator'], { dataDir: d });
  assert.equal(role.code, 0);
  assert.match(runCli(['user', 'list', '--role', 'coordinator'], { dataDir: d }).out, /root@college\.edu/);
  assert.equal(runCli(['user', 'role', '--email', 'nobody@college.edu', '--role', 'admin'], { dataDir: d }).code, 1);
});
