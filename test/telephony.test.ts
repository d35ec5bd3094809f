import { describe, expect, it } from 'vitest';
import { onWireBytes } from '../src/sim/net/ethernet';
import { RTP_IP_BYTES } from '../src/sim/net/packet';
import { bytes } from '../src/sim/engine/units';
import { Rfc3550Jitter } from '../src/sim/telephony/rfc3550-jitter';
import { eModelR, lossImpairment, mosFromR, delayImpairment } from '../src/sim/telephony/e-model';
import { nonInviteRetransmitTimes } from '../src/sim/telephony/sip-timers';
import { PlayoutBuffer } from '../src/sim/telephony/playout-buffer';
import { AdaptivePlayout } from '../src/sim/telephony/adaptive-playout';

describe('RFC 3550 interarrival jitter', () => {
  it('follows J += (|D| − J)/16 over consecutive packets in timestamp units', () => {
    const j = new Rfc3550Jitter(8000);
    // Packets every 20 ms (160 ts units); arrivals with transit 0, +5 ms, 0, +10 ms.
    const arrivals = [0, 25_000, 40_000, 70_000];
    const ts = [0, 160, 320, 480];
    const out = arrivals.map((a, i) => j.update(a, ts[i] as number));
    // D in ts units: 40, 40, 80 → J1 = 40/16 = 2.5, J2 = 2.5 + (40 − 2.5)/16, J3 = J2 + (80 − J2)/16.
    const j1 = 40 / 16;
    const j2 = j1 + (40 - j1) / 16;
    const j3 = j2 + (80 - j2) / 16;
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(j1, 10);
    expect(out[2]).toBeCloseTo(j2, 10);
    expect(out[3]).toBeCloseTo(j3, 10);
    expect(j.jitterMs).toBeCloseTo((j3 * 1000) / 8000, 10);
  });

  it('is zero for perfectly paced packets', () => {
    const j = new Rfc3550Jitter();
    for (let i = 0; i < 100; i++) j.update(1000 + i * 20_000, i * 160);
    expect(j.jitter).toBe(0);
  });
});

describe('Ethernet and G.711 sizes (constants.md)', () => {
  it('200 B IP → 238 B on the wire, 95.2 kbit/s at 50 pkt/s', () => {
    expect(RTP_IP_BYTES).toBe(200);
    expect(onWireBytes(RTP_IP_BYTES)).toBe(238);
    expect((onWireBytes(RTP_IP_BYTES) * 8 * 50) / 1000).toBeCloseTo(95.2, 5);
  });
  it('1 GbE: 1 488 095 pkt/s at 64-byte frames, 81 274 at 1518-byte frames', () => {
    expect(Math.floor(1e9 / 8 / onWireBytes(bytes(46)))).toBe(1_488_095);
    expect(Math.floor(1e9 / 8 / onWireBytes(bytes(1500)))).toBe(81_274);
  });
});

describe('E-model (G.107)', () => {
  // Figures from outside the code: G.107 (06/2015) with its Table 3 defaults and T = Ta = d,
  // Tr = 2d, computed apart from this code (a separate script of eq. 7-1 to 7-28, whose equations
  // match public E-model implementations): No = −61.18 dBm0p, Ro = 94.77, Is = 1.41.
  it('G.711 without loss: R = 93.2 at 0 ms, 89.5 at 150 ms, 72.7 at 300 ms one-way', () => {
    expect(eModelR(0, 0, true)).toBeCloseTo(93.2, 1);
    expect(eModelR(150, 0, true)).toBeCloseTo(89.5, 1);
    expect(eModelR(300, 0, true)).toBeCloseTo(72.7, 1);
    // Issue 10's figures (93.2 / 89.6 / 72.5) are Cole & Rosenbluth's fit to this curve: within 0.2.
    expect(Math.abs(eModelR(150, 0, true) - 89.6)).toBeLessThan(0.2);
    expect(Math.abs(eModelR(300, 0, true) - 72.5)).toBeLessThan(0.2);
  });
  it('the delay curve: about 1 R per 50 ms below mT = 100 ms, 13.1 R from 200 to 300 ms', () => {
    // Below mT only the echo terms grow; above it the absolute-delay term Idd takes over.
    expect(eModelR(50, 0, true) - eModelR(100, 0, true)).toBeCloseTo(1.09, 1);
    expect(eModelR(200, 0, true) - eModelR(300, 0, true)).toBeCloseTo(13.14, 1);
    expect(delayImpairment(0)).toBeCloseTo(0.15, 2);
  });
  it('R = 93.2 gives MOS 4.41 (Annex B)', () => {
    expect(mosFromR(93.2)).toBeCloseTo(4.41, 2);
    expect(mosFromR(eModelR(300, 0, true))).toBeCloseTo(3.7, 1);
  });
  it('MOS mapping clamps outside 0–100', () => {
    expect(mosFromR(-5)).toBe(1);
    expect(mosFromR(120)).toBe(4.5);
  });
  it('MOS never falls below the scale’s floor of 1 (eq. B-4’s cubic gives 0.99 at R = 5)', () => {
    for (let r = 0; r <= 10; r += 0.25) expect(mosFromR(r)).toBeGreaterThanOrEqual(1);
    expect(mosFromR(5)).toBe(1);
    expect(mosFromR(7)).toBeCloseTo(1 + 0.035 * 7 + 7e-6 * 7 * -53 * 93, 9);
  });
  it('Ie,eff for G.711 at 1 % random loss: 3.64 with PLC (Bpl 25.1), 17.92 without (Bpl 4.3)', () => {
    expect(lossImpairment(1, true)).toBeCloseTo(3.64, 2);
    expect(lossImpairment(1, false)).toBeCloseTo(17.92, 2);
    expect(eModelR(0, 1, true)).toBeCloseTo(89.57, 1);
  });
});

describe('SIP non-INVITE retransmissions (RFC 3261 §17.1.2)', () => {
  it('REGISTER at 0, 0.5, 1.5, 3.5, 7.5 s, then every 4 s until 32 s', () => {
    const times = nonInviteRetransmitTimes().map((x) => x / 1e6);
    expect(times.slice(0, 6)).toEqual([0.5, 1.5, 3.5, 7.5, 11.5, 15.5]);
    expect(times[times.length - 1]).toBe(31.5);
    expect(times.every((x) => x < 32)).toBe(true);
  });
});

describe('playout buffer', () => {
  it('discards packets later than their playout time and re-anchors after an outage', () => {
    const pb = new PlayoutBuffer(40_000);
    expect(pb.arrive(0, 0)).toBe(0);
    expect(pb.arrive(20_000 + 39_000, 160)).toBe(0);
    expect(pb.arrive(40_000 + 45_000, 320)).toBe(5_000);
    expect(pb.late).toBe(1);
    // One second of silence: the next packet re-anchors rather than counting every later one as late.
    expect(pb.arrive(1_100_000, 480)).toBe(0);
    expect(pb.arrive(1_120_000, 640)).toBe(0);
    expect(pb.late).toBe(1);
  });
});

describe('adaptive playout buffer (Ramjee et al. 1994, Algorithm 1)', () => {
  const PKT = 20_000;
  const TS = 160;

  it('starts where the fixed buffer would and, with a steady delay, never discards and shrinks to it', () => {
    const b = new AdaptivePlayout(60_000);
    for (let i = 0; i < 5000; i++) expect(b.arrive(10_000 + i * PKT + 30_000, i * TS)).toBe(0);
    // d̂ → 30 ms (plus the 10 ms clock offset), v̂ decays from 15 ms: the buffer wait shrinks.
    expect(b.delayUs - 40_000).toBeLessThan(1_000);
    expect(b.late).toBe(0);
  });

  it('a step up in delay is discarded at first, then absorbed as d̂ and v̂ follow', () => {
    const b = new AdaptivePlayout(20_000);
    let t = 0;
    for (let i = 0; i < 2000; i++) t = b.arrive(i * PKT + 10_000, i * TS);
    expect(t).toBe(0);
    const lateBefore = b.late;
    for (let i = 2000; i < 2050; i++) b.arrive(i * PKT + 80_000, i * TS);
    expect(b.late - lateBefore).toBeGreaterThan(10);
    const afterStep = b.late;
    for (let i = 2050; i < 6000; i++) b.arrive(i * PKT + 80_000, i * TS);
    expect(b.late - afterStep).toBeLessThan(500);
    expect(b.arrive(6000 * PKT + 80_000, 6000 * TS)).toBe(0);
  });

  it('reads a bursty stream (credit’s 90 ms waits) with ~1 % discards where a 60 ms fixed buffer loses a fifth', () => {
    const adaptive = new AdaptivePlayout(60_000);
    const fixed = new PlayoutBuffer(60_000);
    // A 120 ms cycle: served for 30 ms, then 90 ms off; packets queue and come out together.
    for (let i = 0; i < 15_000; i++) {
      const sent = i * PKT;
      const phase = sent % 120_000;
      const arrival = phase < 30_000 ? sent : sent - phase + 120_000;
      adaptive.arrive(arrival, i * TS);
      fixed.arrive(arrival, i * TS);
    }
    expect(adaptive.late / 15_000).toBeLessThan(0.02);
    expect(fixed.late / 15_000).toBeGreaterThan(0.15);
  });
});
