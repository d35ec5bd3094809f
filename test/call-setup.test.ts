import { describe, expect, it } from 'vitest';
import { TraceKind } from '../src/sim/engine/trace';
import { runToEnd } from '../src/sim/run';
import { callSetups } from '../src/ui/sip-ladder/call-setup';
import { SipMessages } from '../src/ui/sip-ladder/sip-messages';
import { preset } from './support/presets';

/** Issue 8, item 7: call set-up delay over time, from the SIP message records the ladder reads. */
describe('call set-up delay per call', () => {
  const r = runToEnd(preset('sip-udp-vs-tcp-failover'));
  const m = new SipMessages();
  for (const b of r.batches)
    for (let i = 0; i < b.count; i++)
      if (b.kind[i] === TraceKind.SipMsg)
        m.add(
          b.t[i] as number,
          b.entity[i] as number,
          b.a[i] as number,
          b.b[i] as number,
          b.c[i] as number,
        );
  m.commit();
  const calls = callSetups(m);

  it('agrees with the caller’s own metrics: count, mean and longest post-dial delay and set-up time', () => {
    const stack = (
      r.summary.sip as {
        stack?: {
          postDialDelay: { count: number; meanMs: number; maxMs: number };
          setupTime: { count: number; meanMs: number; maxMs: number };
        };
      }
    ).stack;
    if (!stack) throw new Error('no RFC 3261 stack in this preset');
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ringing = calls.map((c) => c.ringingMs).filter(Number.isFinite);
    const answered = calls.map((c) => c.answeredMs).filter(Number.isFinite);
    expect(ringing.length).toBe(stack.postDialDelay.count);
    expect(answered.length).toBe(stack.setupTime.count);
    expect(mean(ringing)).toBeCloseTo(stack.postDialDelay.meanMs, 1);
    expect(mean(answered)).toBeCloseTo(stack.setupTime.meanMs, 1);
    expect(Math.max(...answered)).toBeCloseTo(stack.setupTime.maxMs, 1);
  });

  it('is in dialling order, and the failover shows as the calls that waited for Timer A’s retransmissions', () => {
    const t = calls.map((c) => c.dialledUs);
    expect(t).toEqual([...t].sort((a, b) => a - b));
    // RFC 3261 Timer A: an INVITE lost in the outage is resent after 0.5 s, then 1 s more.
    const slow = calls.filter((c) => c.answeredMs > 500);
    expect(slow.length).toBeGreaterThan(0);
    const crash = (r.summary.failover?.crashS ?? NaN) * 1e6;
    for (const c of slow) expect(Math.abs(c.dialledUs - crash)).toBeLessThan(2e6);
  });
});
