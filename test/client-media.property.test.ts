import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rngStream } from '../src/sim/engine/rng';
import { Simulator } from '../src/sim/engine/simulator';
import type { Micros } from '../src/sim/engine/units';
import { DelayLink } from '../src/sim/net/link';
import { DelayLinkPool } from '../src/sim/net/link-pool';
import { PacketLedger, type Packet } from '../src/sim/net/packet';
import { CODECS } from '../src/sim/telephony/codec';
import { ClientMedia } from '../src/sim/telephony/client-media';

const PTIME = CODECS.g711.ptime;
const LAN = 150;
const EXTRA = 40;

/**
 * What the world sees of the clients' sends: every send (stream, seq, when, arrival), and, as
 * the host's NIC would, an event at each arrival, and events tied with this send's time and with
 * the stream's next send, each logging itself: a send that moved among same-time events shows.
 */
function world(
  run: (
    sim: Simulator,
    ledger: PacketLedger,
    toService: (p: Packet, at: number) => void,
    log: string[],
  ) => void,
  end: number,
): string[] {
  const sim = new Simulator();
  const ledger = new PacketLedger();
  const log: string[] = [];
  const toService = (p: Packet, at: number) => {
    log.push(`send ${p.flow}/${p.seq} at ${sim.now} → ${at}`);
    sim.at(at as Micros, (now) => log.push(`arrive ${p.flow}/${p.seq} at ${now}`));
    sim.at(sim.now as Micros, (now) => log.push(`tie ${p.flow}/${p.seq} at ${now}`));
    // At the stream's next send, scheduled before that send takes its key (as the stream's own
    // event took it, after this send): it fires just before that send.
    sim.at((sim.now + PTIME) as Micros, (now) => log.push(`after ${p.flow}/${p.seq} at ${now}`));
  };
  run(sim, ledger, toService, log);
  sim.runUntil(end as Micros);
  log.push(`events ${sim.eventsFired}`);
  return log;
}

/** An event scheduled between two streams' starts (as the endpoint's own media is), at a send's time. */
function other(sim: Simulator, log: string[], stream: number, at: number): void {
  sim.at(at as Micros, (now) => log.push(`other ${stream} at ${now}`));
}

describe('ClientMedia', () => {
  it('sends, and orders among same-time events, exactly as one event per stream did', () => {
    fc.assert(
      fc.property(
        // First-send phases within one period, with ties; a run end that may cut a round.
        fc.array(
          fc.oneof(fc.constantFrom(0, 4_000, 8_000), fc.integer({ min: 0, max: PTIME - 1 })),
          // Past 64 streams too: the media's arrays grow.
          { minLength: 1, maxLength: 80 },
        ),
        fc.integer({ min: 200_000, max: 300_000 }),
        fc.integer(),
        (phases, end, seed) => {
          const start = 200_000;
          // The reference: one DelayLink over rngStream and one self-rescheduling event per stream.
          const reference = world((sim, ledger, toService, log) => {
            phases.forEach((phase, stream) => {
              const up = new DelayLink(
                sim,
                LAN as Micros,
                EXTRA as Micros,
                rngStream(seed, `rtp:up:${stream}`),
              );
              let seq = 0;
              const tick = (now: Micros) => {
                if (now >= end) return;
                const p = ledger.create({
                  kind: 1,
                  bytes: 200 as Packet['bytes'],
                  tcp: false,
                  vm: 1,
                  client: stream,
                  flow: stream,
                  seq: seq++,
                  sentAt: now,
                });
                toService(p, up.arrival());
                sim.at((now + PTIME) as Micros, tick);
              };
              sim.at((start + phase) as Micros, tick);
              other(sim, log, stream, start + phase);
            });
          }, end);
          const pooled = world((sim, ledger, toService, log) => {
            const media = new ClientMedia(
              sim,
              ledger,
              end as Micros,
              1,
              new DelayLinkPool(seed, LAN, EXTRA),
              toService,
            );
            phases.forEach((phase, stream) => {
              media.add(stream, (start + phase) as Micros);
              other(sim, log, stream, start + phase);
            });
          }, end);
          expect(pooled).toEqual(reference);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses first sends more than a period apart (the cyclic order would not hold)', () => {
    const sim = new Simulator();
    const media = new ClientMedia(
      sim,
      new PacketLedger(),
      1e6 as Micros,
      1,
      new DelayLinkPool(1, LAN, 0),
      () => undefined,
    );
    media.add(0, 0 as Micros);
    media.add(1, (PTIME + 1) as Micros);
    expect(() => sim.runUntil(100_000 as Micros)).toThrow(/more than a period apart/);
  });
});
