// The AI interviewer against a loopback server that speaks the OpenAI Chat
// Completions protocol (streaming and not): follow-ups worded by the model
// and streamed to the client as Server-Sent Events, model grades next to the
// offline ones, per-interview token and cost accounting, and the fallback
// when the model answers garbage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startServer, api, register } from './lib.mjs';

const FOLLOW_UP = 'What did you measure to show that the cache really helped?';
let model, modelBase, srv, tok, mode = 'good';
const calls = [];

function sse(res, chunks) {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const c of chunks) res.write(`data: ${JSON.stringify(c)}\n\n`);
  res.end('data: [DONE]\n\n');
}

before(async () => {
  model = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const r = JSON.parse(body);
      const system = r.messages.find((m) => m.role === 'system')?.content ?? '';
      const grading = /grading/.test(system);
      calls.push({ path: req.url, stream: !!r.stream, grading, auth: req.headers.authorization });
      if (req.url !== '/v1/chat/completions') { res.statusCode = 404; return res.end('{}'); }
      if (r.stream) {
        const words = FOLLOW_UP.split(/(?<= )/);
        return sse(res, [
          ...words.map((w) => ({ choices: [{ index: 0, delta: { content: w } }] })),
          { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
          { choices: [], usage: { prompt_tokens: 120, completion_tokens: 14 } },
        ]);
      }
      const content = mode === 'garbage'
        ? 'Sure! Here is my evaluation: it was fine.'
        : grading
          ? JSON.stringify({ technical_accuracy: 6, communication: 7, depth: 4, feedback: 'Clear, but no numbers.', improvements: ['Quote the latency before and after.'] })
          : FOLLOW_UP;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { prompt_tokens: 300, completion_tokens: 40 } }));
    });
  });
  await new Promise((r) => model.listen(0, '127.0.0.1', r));
  modelBase = `http://127.0.0.1:${model.address().port}`;
  process.env.CANDOR_LLM_API_KEY = 'sk-test-key-123';
  process.env.CANDOR_LLM_PRICE_IN = '2';
  process.env.CANDOR_LLM_PRICE_OUT = '10';
  srv = await startServer(['--llm-provider', 'openai', '--llm-url', modelBase, '--llm-model', 'test-model']);
  tok = (await register(srv.base)).access_token;
});

after(async () => {
  model.close();
  const r = await srv.stop();
  assert.equal(r.code, 0);
  assert.doesNotMatch(r.log, /sk-test-key-123/, 'the key never reaches the log');
});

// Reads an event-stream response into [{event, data}].
async function readEvents(res) {
  const text = await res.text();
  return text.split('\n\n').filter((b) => b.trim()).map((block) => {
    const ev = { event: 'message', data: '' };
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) ev.event = line.slice(7);
      else if (line.startsWith('data: ')) ev.data += line.slice(6);
    }
    return { event: ev.event, data: JSON.parse(ev.data) };
  });
}

const startInterview = async () => (await api(srv.base, 'POST', '/api/interviews', { token: tok, body: { mode: 'text', role: 'backend', difficulty: 'easy', length: 3 } })).body;
const WEAK = 'I think caching is good, it makes things faster.';

test('meta names the provider and model', async () => {
  const m = await api(srv.base, 'GET', '/api/meta');
  assert.deepEqual(m.body.llm, { provider: 'openai', model: 'test-model' });
});

test('a weak answer gets a follow-up worded by the model, streamed as it is written', async () => {
  const iv = await startInterview();
  const res = await fetch(`${srv.base}/api/interviews/${iv.id}/answers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ text: WEAK, duration_ms: 20000 }),
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/event-stream/);
  const events = await readEvents(res);
  const deltas = events.filter((e) => e.event === 'delta');
  assert.ok(deltas.length >= 3, `several pieces: ${deltas.length}`);
  assert.equal(deltas.map((d) => d.data.text).join(''), FOLLOW_UP);
  const last = events.at(-1);
  assert.equal(last.event, 'result');
  assert.equal(last.data.next.kind, 'follow_up');
  assert.equal(last.data.next.text, FOLLOW_UP);
  assert.ok(calls.some((c) => c.stream && c.auth === 'Bearer sk-test-key-123'));
});

test('the report shows the model grades next to the offline ones, and what the model cost', async () => {
  const iv = await startInterview();
  let cur = iv;
  for (let guard = 0; cur.current && guard < 8; guard++) {
    const a = await api(srv.base, 'POST', `/api/interviews/${cur.id}/answers`, { token: tok, body: { text: WEAK, duration_ms: 20000 } });
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.match(a.headers.get('content-type'), /application\/json/); // no Accept: plain JSON
    cur = a.body.interview;
  }
  const rep = (await api(srv.base, 'GET', `/api/interviews/${iv.id}/report`, { token: tok })).body;
  const first = rep.answers[0];
  assert.equal(first.ai.source, 'llm');
  assert.deepEqual(first.ai.scores, { technical_accuracy: 6, communication: 7, depth: 4 });
  assert.deepEqual(first.ai.improvements, ['Quote the latency before and after.']);
  assert.ok(typeof first.scores.overall === 'number', 'offline scores stay');
  // Each answer: one grading call; each follow-up one wording call (not
  // streamed here): the loopback model bills 300 in / 40 out per call.
  const followUps = rep.answers.filter((a) => a.kind === 'follow_up').length;
  assert.ok(followUps >= 1, `weak answers drew follow-ups: ${rep.answers.map((a) => a.kind)} ${JSON.stringify(rep.usage)}`);
  const n = rep.answers.length + followUps;
  assert.equal(rep.usage.calls, n);
  assert.equal(rep.usage.input_tokens, 300 * n);
  assert.equal(rep.usage.output_tokens, 40 * n);
  const cost = (rep.usage.input_tokens * 2 + rep.usage.output_tokens * 10) / 1e6;
  assert.ok(Math.abs(rep.usage.cost_usd - cost) < 1e-9, `${rep.usage.cost_usd} vs ${cost}`);
});

test('garbage from the model falls back to the offline evaluator and says why', async () => {
  mode = 'garbage';
  try {
    const iv = await startInterview();
    const a = await api(srv.base, 'POST', `/api/interviews/${iv.id}/answers`, { token: tok, body: { text: WEAK, duration_ms: 20000 } });
    assert.equal(a.status, 200);
    const fin = await api(srv.base, 'POST', `/api/interviews/${iv.id}/finish`, { token: tok });
    const ai = fin.body.answers[0].ai;
    assert.equal(ai.source, 'offline');
    assert.match(ai.fallback_reason, /\S/);
  } finally { mode = 'good'; }
});
