import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** Gzipped bytes of the JS a first visit loads: the entry chunk(s) and the simulation worker. */
export function initialJsGzip(dist = 'dist'): {
  files: { name: string; gzip: number }[];
  total: number;
} {
  const html = readFileSync(`${dist}/index.html`, 'utf8');
  const entry = [...html.matchAll(/src="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  const preload = [...html.matchAll(/href="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  const worker = readdirSync(`${dist}/assets`)
    .filter((f) => f.startsWith('sim-worker') && f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const names = [...new Set([...entry, ...preload, ...worker])];
  const files = names.map((name) => ({
    name,
    gzip: gzipSync(readFileSync(`${dist}/${name}`), { level: 9 }).length,
  }));
  return { files, total: files.reduce((s, f) => s + f.gzip, 0) };
}
