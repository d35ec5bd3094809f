// Draws the installable app's PNG icons (public/icon-192.png, icon-512.png) without an image tool:
// the favicon's idea (a waveform crossing two server blocks) on the Okabe–Ito blue, encoded as PNG
// with node:zlib. Run once after changing the design: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};

function icon(size) {
  const px = Buffer.alloc(size * (size * 4 + 1));
  const blue = [0x00, 0x72, 0xb2];
  const white = [0xff, 0xff, 0xff];
  const orange = [0xe6, 0x9f, 0x00];
  for (let y = 0; y < size; y++) {
    px[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const u = x / size;
      const v = y / size;
      let c = blue;
      // Two server blocks.
      const inBlock = (x0) => u > x0 && u < x0 + 0.28 && v > 0.22 && v < 0.78;
      if (inBlock(0.12) || inBlock(0.6)) c = white;
      // A waveform across them.
      const wave = 0.5 + 0.12 * Math.sin(u * Math.PI * 6);
      if (Math.abs(v - wave) < 0.035) c = orange;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      px[o] = c[0];
      px[o + 1] = c[1];
      px[o + 2] = c[2];
      px[o + 3] = 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(px)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) writeFileSync(`public/icon-${size}.png`, icon(size));
console.log('wrote public/icon-192.png and public/icon-512.png');
