import { describe, expect, it } from 'vitest';
import { sec, type Micros } from '../src/sim/engine/units';
import {
  BINDING_BYTES,
  DIALOG_BYTES,
  DialogTable,
  DirtyPageCounter,
  FIELD_UPDATE_BYTES,
  LocationTable,
  PAGE_BYTES,
  TRANSACTION_BYTES,
  TransactionTable,
} from '../src/sim/sip/state-tables';
import { LoadGenerator, steady } from '../src/sim/sip/load-generator';
import { sipPair } from './support/sip-link';

describe('location bindings and dialogs as written memory', () => {
  it('a new binding writes a record, a refresh a field, an expiry unlinks it', () => {
    const pages = new DirtyPageCounter();
    const loc = new LocationTable(pages);
    expect(loc.bind(1, 100)).toBe(true);
    expect(loc.bind(1, 200)).toBe(false);
    expect(pages.bytesWritten).toBe(BINDING_BYTES + FIELD_UPDATE_BYTES);
    expect(loc.isBound(1, 150)).toBe(true);
    expect(loc.expire(200)).toBe(1);
    expect(loc.size).toBe(0);
    expect(pages.writes).toBe(3);
  });

  it('dirty pages follow the number of records written in the epoch', () => {
    const pages = new DirtyPageCounter();
    const dialogs = new DialogTable(pages);
    for (let d = 0; d < 100; d++) dialogs.create(d);
    // 100 KiB of 1 KiB records: 25 pages of 4 KiB.
    expect(pages.takeEpoch()).toBe((100 * DIALOG_BYTES) / PAGE_BYTES);
    dialogs.confirm(0);
    dialogs.confirm(99);
    expect(pages.takeEpoch()).toBe(2);
    expect(pages.takeEpoch()).toBe(0);
  });

  it('freed slots are reused, so the footprint follows the live count', () => {
    const dialogs = new DialogTable();
    for (let d = 0; d < 10; d++) dialogs.create(d);
    for (let d = 0; d < 10; d++) dialogs.remove(d);
    for (let d = 10; d < 15; d++) dialogs.create(d);
    expect(dialogs.size).toBe(5);
    expect(dialogs.bytes).toBe(10 * DIALOG_BYTES);
  });

  it('a record straddling a page boundary dirties both pages', () => {
    const pages = new DirtyPageCounter();
    const loc = new LocationTable(pages);
    // 384 B records: the 11th (offset 3840) spans 3840–4223.
    for (let a = 0; a < 11; a++) loc.bind(a, 1);
    expect(pages.takeEpoch()).toBe(2);
  });
});

describe('state grows with load', () => {
  it('the UAS holds calls/s × hold time dialogs and its dirtied pages grow with the rate', () => {
    const dirtiedAt = (rate: number) => {
      const pages = new DirtyPageCounter();
      const h = sipPair({ transport: 'udp', holdTime: sec(10), sink: pages });
      new LoadGenerator(h.sim, h.client, {
        users: 1000,
        registrations: steady(rate),
        calls: steady(rate),
        start: 0 as Micros,
        end: sec(30),
      });
      h.sim.runUntil(sec(20));
      pages.takeEpoch();
      h.sim.runUntil(sec(21)); // one second of steady state, as one checkpoint epoch
      return { dialogs: h.server.dialogs.size, pages: pages.takeEpoch(), h };
    };
    const low = dirtiedAt(10);
    const high = dirtiedAt(40);
    // Little's law: rate × hold time dialogs (± the one being set up or torn down).
    expect(Math.abs(low.dialogs - 100)).toBeLessThanOrEqual(1);
    expect(Math.abs(high.dialogs - 400)).toBeLessThanOrEqual(1);
    expect(high.pages).toBeGreaterThan(2 * low.pages);
    // 40 REGISTERs a second for 21 s, each a new user of the 1000: 840 bindings.
    expect(high.h.server.bindings.size).toBe(840);
  });
});

describe('server transactions as memory', () => {
  it("UDP's Timer J keeps each answered REGISTER 32 s: rate × 32 s records; TCP none", () => {
    const live = (transport: 'udp' | 'tcp') => {
      const h = sipPair({ transport });
      new LoadGenerator(h.sim, h.client, {
        users: 100,
        registrations: steady(10),
        calls: steady(0),
        start: 0 as Micros,
        end: sec(60),
      });
      h.sim.runUntil(sec(50));
      return { records: h.server.transactionState.size, live: h.server.liveTransactions };
    };
    expect(live('udp')).toEqual({ records: 320, live: 320 });
    expect(live('tcp')).toEqual({ records: 0, live: 0 });
  });

  it('writes the transaction record, then its response buffer', () => {
    const pages = new DirtyPageCounter();
    const t = new TransactionTable(pages);
    t.open(5);
    t.respond(5, 420);
    t.close(5);
    expect(pages.bytesWritten).toBe(TRANSACTION_BYTES + 420 + FIELD_UPDATE_BYTES);
    expect(t.size).toBe(0);
  });
});
