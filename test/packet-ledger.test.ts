import { describe, expect, it } from 'vitest';
import type { Bytes, Micros } from '../src/sim/engine/units';
import { DropReason, PacketKind, PacketLedger } from '../src/sim/net/packet';

const make = (l: PacketLedger, seq: number) =>
  l.create({
    kind: PacketKind.Rtp,
    bytes: 200 as Bytes,
    tcp: false,
    client: 1,
    flow: 2,
    seq,
    sentAt: 5 as Micros,
    vm: 1,
  });

describe('packet ledger', () => {
  it('keeps created = delivered + dropped + in flight past its first 65 536 ids (the live flags grow), per kind too', () => {
    const l = new PacketLedger();
    const live = [];
    for (let i = 0; i < 200_000; i++) {
      const p = make(l, i);
      if (i % 3 === 0) l.deliver(p);
      else if (i % 3 === 1) l.drop(p, DropReason.HostCrash);
      else live.push(p);
    }
    expect(l.created).toBe(200_000);
    expect(l.delivered + l.droppedTotal + l.inFlight).toBe(200_000);
    expect(l.inFlight).toBe(live.length);
    expect(l.inFlightOf(PacketKind.Rtp)).toBe(live.length);
    for (const p of live) l.deliver(p);
    expect(l.inFlight).toBe(0);
  });

  it('copies every field, numbers ids from 1, starts without an epoch, and throws when a packet ends twice', () => {
    const l = new PacketLedger();
    const p = make(l, 7);
    expect(p).toEqual({
      id: 1,
      kind: PacketKind.Rtp,
      bytes: 200,
      tcp: false,
      client: 1,
      flow: 2,
      seq: 7,
      sentAt: 5,
      vm: 1,
      epoch: -1,
    });
    l.deliver(p);
    expect(() => l.drop(p, DropReason.HostCrash)).toThrow('packet 1 ended twice');
  });
});
