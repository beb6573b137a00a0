// Test setup tool: writes the images of a float64 (N, H, W) .npy array
// (values 0..1, e.g. skimage's lfw_subset.npy) as N binary PGM files.
// Usage: node npy_to_pgm.js FILE.npy OUT_DIR
const fs = require('fs');
const [src, out] = process.argv.slice(2);
const b = fs.readFileSync(src);
if (b.toString('latin1', 1, 6) !== 'NUMPY') throw new Error('not an npy file');
const hl = b.readUInt16LE(8), off = 10 + hl;
const hdr = b.toString('latin1', 10, off);
const m = hdr.match(/'shape': \((\d+), (\d+), (\d+)\)/);
if (!hdr.includes("'<f8'") || !m) throw new Error('unexpected npy header ' + hdr);
const [n, h, w] = m.slice(1).map(Number);
for (let k = 0; k < n; k++) {
  const px = Buffer.alloc(w * h);
  for (let i = 0; i < w * h; i++) px[i] = Math.max(0, Math.min(255, Math.round(255 * b.readDoubleLE(off + 8 * (k * w * h + i)))));
  fs.writeFileSync(`${out}/${String(k).padStart(3, '0')}.pgm`, Buffer.concat([Buffer.from(`P5 ${w} ${h} 255\n`), px]));
}
