import { describe, expect, it } from 'vitest';
import type { Micros } from '../src/sim/engine/units';
import { RtpReceiver } from '../src/sim/telephony/rtp';

const at = (ms: number) => (ms * 1000) as Micros;

/**
 * "Received after the failover" counts media from the media VM's takeover (its ARP). Until the
 * takeover is known the failure time stands in; what arrived before the takeover — the old
 * primary still serving through a partition — is not after it (a card once said "2/2 calls
 * continued" for calls whose media never came back).
 */
describe('RtpReceiver: media after the failover', () => {
  it('counts from the takeover once it is known, not from the failure', () => {
    let failover = 10_000 * 1000;
    const r = new RtpReceiver(0, 60_000, () => failover);
    // 20 ms packets from 9.9 s to 18 s: the old primary still relays after the failure at 10 s.
    let seq = 0;
    for (let t = 9_900; t < 18_000; t += 20) r.arrive(at(t), seq++, at(t - 1));
    expect(r.stats().receivedAfterFailover).toBe(400);
    // The takeover (ARP) at 18.07 s; media resumes at 19 s.
    failover = 18_070 * 1000;
    expect(r.stats().receivedAfterFailover).toBe(0);
    for (let t = 19_000; t < 19_100; t += 20) r.arrive(at(t), seq++, at(t - 1));
    expect(r.stats().receivedAfterFailover).toBe(5);
  });

  it('with no takeover (the media VM did not fail over), counts from the failure', () => {
    const r = new RtpReceiver(0, 60_000, () => 10_000 * 1000);
    for (let t = 9_900, seq = 0; t < 10_100; t += 20) r.arrive(at(t), seq++, at(t - 1));
    expect(r.stats().receivedAfterFailover).toBe(5);
  });
});
