import { describe, expect, it } from 'vitest';
import { onWireBytes } from '../src/sim/net/ethernet';
import { toPcap } from '../src/sim/export/pcap';
import { bytes } from '../src/sim/engine/units';
import { runToEnd } from '../src/sim/run';
import { estimateRunCost } from '../src/sim/run-cost';
import { validateScenario } from '../src/sim/scenario/validate';
import {
  CODECS,
  packetsPerSecond,
  rtpIpBytes,
  samplesPerPacket,
  type CodecId,
} from '../src/sim/telephony/codec';
import { eModelR, lossImpairment, mosFromR } from '../src/sim/telephony/e-model';

/** One relayed call, 3 s, clean LAN, in `codec`; the relay VM is unbuffered (a standby, no Remus). */
function call(codec: CodecId) {
  const { scenario, issues } = validateScenario({
    durationS: 3,
    telephony: { calls: 1, codec },
    vms: { vm1: { protection: 'standby' } },
  });
  expect(issues).toEqual([]);
  return { scenario, ...runToEnd(scenario, { capture: 'client' }) };
}

describe('codec table: sizes on the wire (RFC 3551, RFC 7587)', () => {
  it('G.711 20 ms: 160 B payload, 200 B IP, 160 timestamp ticks, 50 pkt/s', () => {
    expect(CODECS.g711.payloadBytes).toBe(160);
    expect(rtpIpBytes(CODECS.g711)).toBe(200);
    expect(samplesPerPacket(CODECS.g711)).toBe(160);
    expect(packetsPerSecond(CODECS.g711)).toBe(50);
  });

  it('G.729 at 20 ms: two 10 B frames (8 kb/s × 10 ms) = 20 B payload, 60 B IP, 98 B on the Ethernet wire', () => {
    // RFC 3551 §4.5.6: 10 ms frames of 80 bits.
    const framesPerPacket = CODECS.g729.ptime / 10_000;
    expect(framesPerPacket * ((8000 * 0.01) / 8)).toBe(CODECS.g729.payloadBytes);
    expect(rtpIpBytes(CODECS.g729)).toBe(60);
    // Ethernet header 14 + FCS 4 + preamble 8 + IFG 12 = 38 B around the IP packet.
    expect(onWireBytes(bytes(60))).toBe(98);
    expect(samplesPerPacket(CODECS.g729)).toBe(160);
  });

  it('Opus: 48 kHz RTP clock whatever the bandwidth, 960 ticks per 20 ms; 20 kb/s = 50 B', () => {
    expect(samplesPerPacket(CODECS.opus)).toBe(960);
    expect((20_000 * 0.02) / 8).toBe(CODECS.opus.payloadBytes);
    expect(rtpIpBytes(CODECS.opus)).toBe(90);
  });

  it('a run puts each codec’s packet size on the wire and keeps 50 pkt/s per direction', () => {
    for (const id of ['g711', 'g729', 'opus'] as const) {
      const { world } = call(id);
      const cap = world.capture;
      expect(cap).toBeDefined();
      const rtpSizes = new Set(cap?.bytes.filter((b) => b < 400));
      expect([...rtpSizes]).toEqual([rtpIpBytes(CODECS[id])]);
      // 2.8 s of media (it starts at 200 ms), ±1 packet of phase per stream.
      for (const rx of world.receivers) {
        expect(Math.abs(rx.stats().received - 2.8 * 50)).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('pcap export per codec', () => {
  it('writes each RTP packet with its codec’s payload type, size and timestamp step', () => {
    for (const [id, pt] of [
      ['g711', 0],
      ['g729', 18],
      ['opus', 111],
    ] as const) {
      const cap = call(id).world.capture;
      if (!cap) throw new Error('no capture');
      const file = toPcap(cap, CODECS[id]);
      const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
      const lastTs = new Map<number, number>();
      let rtp = 0;
      for (let off = 24; off < file.length; off += 16 + v.getUint32(off + 8, true)) {
        const ip = off + 16 + 14;
        const udp = ip + 20;
        if (v.getUint16(udp) === 5060 || v.getUint16(udp + 2) === 5060) continue;
        rtp++;
        expect(v.getUint16(ip + 2)).toBe(rtpIpBytes(CODECS[id])); // IPv4 total length
        const r = udp + 8;
        expect(v.getUint8(r + 1) & 0x7f).toBe(pt);
        const ssrc = v.getUint32(r + 8);
        const ts = v.getUint32(r + 4);
        const prev = lastTs.get(ssrc);
        if (prev !== undefined && ts > prev)
          expect((ts - prev) % samplesPerPacket(CODECS[id])).toBe(0);
        lastTs.set(ssrc, ts);
      }
      expect(rtp).toBeGreaterThan(200);
    }
  });
});

describe('E-model per codec (G.107 eq. 7-1 and 7-29, G.113 Appendix I)', () => {
  // By hand: at zero delay and loss the default R is 93.2 (G.107 §7.7), so R = 93.2 − Ie.
  it('clean path at zero delay: G.711 R 93.2 (MOS 4.41), G.729A R 82.2 (MOS 4.10), Opus as G.711', () => {
    expect(eModelR(0, 0, true, CODECS.g711)).toBeCloseTo(93.2, 1);
    expect(eModelR(0, 0, true, CODECS.g729)).toBeCloseTo(82.2, 1);
    expect(eModelR(0, 0, true, CODECS.opus)).toBeCloseTo(93.2, 1);
    // MOS = 1 + 0.035·R + 7·10⁻⁶·R(R − 60)(100 − R) (G.107 B-4), by hand:
    // R = 82.2: 1 + 2.877 + 7e-6 · 82.2 · 22.2 · 17.8 = 4.104.
    expect(mosFromR(eModelR(0, 0, true, CODECS.g729))).toBeCloseTo(4.104, 2);
    expect(mosFromR(eModelR(0, 0, true, CODECS.g711))).toBeCloseTo(4.41, 2);
  });

  it('Ie,eff = Ie + (95 − Ie)·Ppl/(Ppl + Bpl): G.729A at 1 % is 11 + 84/20 = 15.2', () => {
    expect(lossImpairment(1, true, 1, CODECS.g729)).toBeCloseTo(15.2, 10);
    // Its concealment is the codec's own: switching PLC off does not change it.
    expect(lossImpairment(1, false, 1, CODECS.g729)).toBeCloseTo(15.2, 10);
    // G.711 keeps its two values: 95/26.1 and 95/5.3.
    expect(lossImpairment(1, true)).toBeCloseTo(95 / 26.1, 10);
    expect(lossImpairment(1, false)).toBeCloseTo(95 / 5.3, 10);
  });

  it('a clean relayed call: the summary’s R is G.711’s at the same mouth-to-ear delay less Ie', () => {
    for (const id of ['g711', 'g729', 'opus'] as const) {
      const { summary, scenario } = call(id);
      for (const st of summary.streams) {
        expect(st.lossPct).toBe(0);
        const mouthToEar = CODECS[id].ptime / 1000 + st.delayMeanMs + st.playoutMeanMs;
        // R for G.711 at that delay, computed by eq. 7-1; the codec's Ie is subtracted on top.
        const r = eModelR(mouthToEar, 0, scenario.telephony.plc) - CODECS[id].ie;
        // The summary rounds R to 0.01 and the delay to 0.001 ms.
        expect(Math.abs(st.r - r)).toBeLessThan(0.02);
      }
    }
  });
});

describe('run cost per codec', () => {
  it('counts packets per second from the codec’s ptime (all three at 20 ms: the same cost)', () => {
    const cost = (codec: CodecId) =>
      estimateRunCost(validateScenario({ telephony: { calls: 10, codec } }).scenario).parts.find(
        (p) => p.what === 'RTP media',
      )?.events;
    expect(cost('g729')).toBe(cost('g711'));
    expect(cost('opus')).toBe(cost('g711'));
    expect(cost('g711')).toBeGreaterThan(0);
  });
});
