import { describe, expect, it } from 'vitest';
import { DirtyPageLog, PAGE_BYTES, STATE_ENTRY_BYTES } from '../src/sim/replication/dirty-pages';
import { runToEnd } from '../src/sim/run';
import { setPath, type Scenario } from '../src/sim/scenario/scenario';
import { preset, valid } from './support/presets';

describe('dirty pages from the VoIP application’s state writes', () => {
  it('counts distinct 4 KiB pages per epoch: writes to one page count once, a take starts afresh', () => {
    const log = new DirtyPageLog(1000);
    const perPage = PAGE_BYTES / STATE_ENTRY_BYTES.binding;
    // The first perPage bindings share page 0; rewriting them adds nothing.
    for (let aor = 0; aor < perPage; aor++) log.binding(aor);
    for (let aor = 0; aor < perPage; aor++) log.binding(aor);
    expect(log.size).toBe(1);
    log.binding(perPage);
    expect(log.take()).toBe(2);
    expect(log.take()).toBe(0);
    // Transactions are 2 KiB: two to a page; they live in their own table.
    for (let id = 0; id < 10; id++) log.transaction(id);
    log.binding(0);
    expect(log.take()).toBe(5 + 1);
    // Relay sessions: forty calls' counters over 512-byte entries, written any number of times.
    for (let k = 0; k < 3; k++) for (let call = 0; call < 40; call++) log.session(call);
    expect(log.take()).toBe((40 * STATE_ENTRY_BYTES.session) / PAGE_BYTES);
  });

  it('an entry that straddles a page boundary dirties both pages', () => {
    const log = new DirtyPageLog(10, { binding: 3000, transaction: 2048, session: 512 });
    log.binding(1); // bytes 3000–5999: pages 0 and 1
    expect(log.take()).toBe(2);
  });

  // Checkpoints of a registrar under REGISTER load, no calls, 100 ms interval (R6's setting).
  const registrar = (rate: number): Scenario =>
    valid(
      setPath(
        setPath(
          setPath(setPath(preset('remus-bursts'), 'telephony.calls', 0), 'durationS', 6),
          'replication.intervalMs',
          100,
        ),
        'telephony.registerRate',
        rate,
      ),
    );

  it('the checkpoint’s dirty set, pause and transfer follow the REGISTER load', () => {
    const idle = runToEnd(registrar(0)).summary.epochs;
    const busy = runToEnd(registrar(1400)).summary.epochs;
    // Per REGISTER: a new 2 KiB transaction and a rewritten 512-byte binding (users cycle in
    // order, so consecutive bindings share pages), plus the request's network buffers.
    const perRegister =
      (STATE_ENTRY_BYTES.transaction + STATE_ENTRY_BYTES.binding) / PAGE_BYTES +
      preset('remus-bursts').replication.dirtyPagesPerPacket;
    const base = preset('remus-bursts').replication.dirtyPagesPerS;
    const expectedExtra =
      1400 * (busy.epochMeanMs / 1000) * perRegister +
      base * ((busy.epochMeanMs - idle.epochMeanMs) / 1000);
    expect(busy.dirtyPagesMean - idle.dirtyPagesMean).toBeGreaterThan(expectedExtra * 0.9);
    expect(busy.dirtyPagesMean - idle.dirtyPagesMean).toBeLessThan(expectedExtra * 1.1);
    expect(busy.pauseMeanMs).toBeGreaterThan(idle.pauseMeanMs);
    expect(busy.checkpointMeanMs).toBeGreaterThan(idle.checkpointMeanMs);
  });
});
