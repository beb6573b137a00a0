#!/usr/bin/env node
// oracle.js - dev/test tool: runs a TensorFlow.js graph model with the
// official runtime and writes its input and outputs as raw float32 files, so
// the C engine (src/nn) can be checked against it; or times the model with
// the WASM (XNNPACK) backend for the benchmark.
//
//   node oracle.js fixture MODEL_JSON RGB_FILE W H NORM OUT_DIR
//       RGB_FILE: raw interleaved RGB bytes (W x H x 3), already the model's
//       input size. NORM: 'unit' (x/255), 'signed' (x/127.5-1), 'gray'
//       (luma/255, 1 channel) or 'raw' (0..255). Writes OUT_DIR/input.bin,
//       OUT_DIR/output_<i>.bin and OUT_DIR/meta.json (names, shapes, and how
//       far the WASM backend is from the CPU one on each output).
//   node oracle.js bench MODEL_JSON INPUT_BIN RUNS
//       Prints {'backend':'wasm','ms_median':...} for INPUT_BIN (from a
//       fixture) on the WASM backend, single-threaded.
//
// Output order and names follow src/nn's rule (nn.h): signature outputs in
// file order named by key, else sink nodes in file order named by node.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

function loadArtifacts(modelJson) {
  const j = JSON.parse(fs.readFileSync(modelJson, 'utf8'));
  const dir = path.dirname(modelJson);
  const bufs = [];
  const specs = [];
  for (const g of j.weightsManifest) {
    for (const p of g.paths) bufs.push(fs.readFileSync(path.join(dir, p)));
    specs.push(...g.weights);
  }
  const all = Buffer.concat(bufs);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return {
    json: j,
    artifacts: {
      modelTopology: j.modelTopology,
      weightSpecs: specs,
      weightData,
      format: j.format,
      generatedBy: j.generatedBy,
      convertedBy: j.convertedBy,
      signature: j.signature,
    },
  };
}

// [{name, tensor}] in the engine's output order.
function outputList(j) {
  const sig = j.signature && j.signature.outputs;
  if (sig && Object.keys(sig).length) {
    return Object.entries(sig).map(([key, v]) => ({ name: key, tensor: v.name }));
  }
  const used = new Set();
  for (const n of j.modelTopology.node) {
    for (let r of n.input || []) {
      if (r.startsWith('^')) r = r.slice(1);
      const c = r.lastIndexOf(':');
      used.add(c >= 0 ? r.slice(0, c) : r);
    }
  }
  return j.modelTopology.node
    .filter((n) => !used.has(n.name) && n.op !== 'Const' && n.op !== 'Placeholder')
    .map((n) => ({ name: n.name, tensor: n.name }));
}

function inputShape(j) {
  const sig = j.signature && j.signature.inputs;
  let dims;
  if (sig && Object.keys(sig).length) dims = Object.values(sig)[0].tensorShape.dim;
  else dims = j.modelTopology.node.find((n) => n.op === 'Placeholder').attr.shape.shape.dim;
  return dims.map((d) => (Number(d.size) < 0 ? 1 : Number(d.size)));
}

function makeInput(rgb, w, h, norm, shape) {
  const c = shape[3];
  const out = new Float32Array(w * h * c);
  for (let i = 0; i < w * h; i++) {
    const r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
    if (c === 1) {
      out[i] = (0.2989 * r + 0.587 * g + 0.114 * b) / 255;
      continue;
    }
    for (let k = 0; k < 3; k++) {
      const v = rgb[3 * i + k];
      out[3 * i + k] = norm === 'signed' ? v / 127.5 - 1 : norm === 'raw' ? v : v / 255;
    }
  }
  return out;
}

async function fixture(modelJson, rgbFile, w, h, norm, outDir) {
  await tf.setBackend('cpu');
  const { json, artifacts } = loadArtifacts(modelJson);
  const model = await tf.loadGraphModel(tf.io.fromMemory(artifacts));
  const shape = inputShape(json);
  if (shape[1] !== h || shape[2] !== w) throw new Error(`model wants ${shape}, image is ${w}x${h}`);
  const rgb = fs.readFileSync(rgbFile);
  if (rgb.length !== w * h * 3) throw new Error(`${rgbFile}: expected ${w * h * 3} bytes`);
  const data = makeInput(rgb, w, h, norm, shape);
  const outs = outputList(json);
  const x = tf.tensor(data, shape, 'float32');
  const res = await model.executeAsync(x, outs.map((o) => o.tensor));
  const list = Array.isArray(res) ? res : [res];
  const cpu = [];
  for (const t of list) cpu.push(Float32Array.from(await t.data()));
  // The same model on the WASM (XNNPACK) backend: how far the official
  // runtime disagrees with itself bounds what float32 rounding can explain.
  await useWasm();
  const wmodel = await tf.loadGraphModel(tf.io.fromMemory(artifacts));
  const wres = await wmodel.executeAsync(tf.tensor(data, shape, 'float32'), outs.map((o) => o.tensor));
  const wlist = Array.isArray(wres) ? wres : [wres];
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'input.bin'), Buffer.from(data.buffer));
  const meta = { model: path.basename(modelJson), input: { shape }, outputs: [] };
  for (let i = 0; i < list.length; i++) {
    const v = cpu[i];
    const w = await wlist[i].data();
    let dis = 0;
    for (let k = 0; k < v.length; k++) dis = Math.max(dis, Math.abs(v[k] - w[k]));
    fs.writeFileSync(path.join(outDir, `output_${i}.bin`), Buffer.from(v.buffer));
    meta.outputs.push({ name: outs[i].name, shape: list[i].shape, wasm_vs_cpu_max_abs: dis });
  }
  fs.writeFileSync(path.join(outDir, 'meta.json'), JSON.stringify(meta, null, 1));
}

async function useWasm() {
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  const dist = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
  wasm.setWasmPaths(dist);
  wasm.setThreadsCount(1);
  await tf.setBackend('wasm');
  await tf.ready();
}

async function bench(modelJson, inputBin, runs) {
  await useWasm();
  const { json, artifacts } = loadArtifacts(modelJson);
  const model = await tf.loadGraphModel(tf.io.fromMemory(artifacts));
  const shape = inputShape(json);
  const buf = fs.readFileSync(inputBin);
  const data = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const x = tf.tensor(data, shape, 'float32');
  const names = outputList(json).map((o) => o.tensor);
  const times = [];
  for (let i = 0; i < runs + 2; i++) {
    const t0 = process.hrtime.bigint();
    const r = await model.executeAsync(x, names);
    const list = Array.isArray(r) ? r : [r];
    for (const t of list) await t.data();
    const t1 = process.hrtime.bigint();
    tf.dispose(list);
    if (i >= 2) times.push(Number(t1 - t0) / 1e6); // 2 warm-up runs
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ backend: tf.getBackend(), ms_median: times[times.length >> 1] }));
}

async function main() {
  const [mode, ...a] = process.argv.slice(2);
  if (mode === 'fixture' && a.length === 6) return fixture(a[0], a[1], +a[2], +a[3], a[4], a[5]);
  if (mode === 'bench' && a.length === 3) return bench(a[0], a[1], +a[2]);
  console.error('usage: oracle.js fixture MODEL_JSON RGB W H NORM OUT_DIR | bench MODEL_JSON INPUT_BIN RUNS');
  process.exit(2);
}

main().catch((e) => {
  console.error(`oracle: ${e.message}`);
  process.exit(1);
});
