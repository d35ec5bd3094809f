import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toPcap, ssrcOf } from '../src/sim/export/pcap';
import { runToEnd } from '../src/sim/run';
import { preset } from './support/presets';

/** Issue 9, item 3: a pcap of the simulated RTP and SIP that Wireshark's own analysis agrees with. */

const TSHARK = '/usr/bin/tshark';

describe('pcap export', () => {
  const s = preset('primary-fails');
  const plain = runToEnd(s);
  const captured = runToEnd(s, { capture: 'client' });
  const capture = captured.world.capture;
  if (!capture) throw new Error('no capture');
  const file = toPcap(capture);

  it('capturing changes no result and no trace hash', () => {
    expect(captured.traceHash).toBe(plain.traceHash);
    expect(captured.summary).toEqual(plain.summary);
  });

  it('is a libpcap file of Ethernet frames with valid IPv4 header checksums', () => {
    const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
    expect(v.getUint32(0, true)).toBe(0xa1b2c3d4);
    expect(v.getUint32(20, true)).toBe(1);
    let off = 24;
    let frames = 0;
    while (off < file.length) {
      const len = v.getUint32(off + 8, true);
      const ip = off + 16 + 14;
      let sum = 0;
      for (let i = 0; i < 20; i += 2) sum += v.getUint16(ip + i);
      while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
      expect(sum).toBe(0xffff);
      off += 16 + len;
      frames++;
    }
    expect(off).toBe(file.length);
    expect(frames).toBe(capture.count);
  });

  // CI installs Debian's tshark (scripts/ensure-tools.mjs); elsewhere the check runs when it is there.
  const haveTshark = existsSync(TSHARK);
  if (!haveTshark && process.env['CI']) throw new Error(`${TSHARK} is missing in CI`);

  it.runIf(haveTshark)(
    "tshark's RTP stream analysis agrees with the lab: jitter within 5 %, lost packets equal",
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'voip-lab-pcap-'));
      const path = join(dir, 'primary-fails.pcap');
      writeFileSync(path, file);
      const out = execFileSync(
        TSHARK,
        ['-r', path, '-o', 'rtp.heuristic_rtp:TRUE', '-q', '-z', 'rtp,streams'],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      );
      // Rows: start end srcIP sport dstIP dport SSRC payload pkts lost (pct) minΔ meanΔ maxΔ minJ meanJ maxJ
      const rows = out
        .split('\n')
        .map((l) => l.trim().split(/\s+/))
        .filter((f) => f.length >= 16 && f[6]?.startsWith('0x'));
      for (const st of captured.summary.streams) {
        // The receiver's leg: from the relay (the service address) to the client.
        const row = rows.find(
          (f) => parseInt(f[6] as string, 16) === ssrcOf(st.stream) && f[2] === '198.51.100.10',
        );
        expect(row, `stream ${st.stream} in tshark's output`).toBeDefined();
        const f = row as string[];
        expect(Number(f[8])).toBe(st.received);
        expect(Number(f[9])).toBe(st.lost);
        const meanJitter = Number(f[15]);
        const maxJitter = Number(f[16]);
        expect(Math.abs(meanJitter - st.jitterMeanMs) / st.jitterMeanMs).toBeLessThan(0.05);
        expect(Math.abs(maxJitter - st.jitterMaxMs) / st.jitterMaxMs).toBeLessThan(0.05);
      }
      expect(captured.summary.streams.some((st) => st.lost > 0)).toBe(true);
      const sip = execFileSync(TSHARK, ['-r', path, '-q', '-z', 'sip,stat'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      expect(sip).toMatch(
        new RegExp(`SIP 200 OK\\s*:\\s*${captured.summary.sip.succeeded} Packets`),
      );
    },
  );
});
