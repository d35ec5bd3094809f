import { ms, us } from '../engine/units';
import {
  XEN_MAX_ITERATIONS,
  XEN_TARGET_DIRTY_COUNT,
  type MigrationMode,
  type PrecopyParams,
} from './precopy';

/**
 * Defaults for a live migration on the lab's LAN. Sourced: the two policy constants (Xen 4.17
 * xg_sr_save.c). Taken from the lab's own defaults so that migration and Remus agree: link
 * 1 Gb/s and 0.1 ms one-way (replication.linkGbps, replication.linkLatencyMs), suspend 1.5 ms
 * (replication.suspendMs: libxl suspends for a migration through the same
 * libxl__domain_suspend path as for a checkpoint), resume 20 ms and ARP 20 ms
 * (failure.resumeMs, failure.arpDelayMs). Those last three are the lab's estimates, not
 * measurements, and so are the two below that exist only here:
 * - setup 200 ms: ssh session and receiver domain creation before the stream (outside the
 *   downtime; it moves only the total time);
 * - state 16 KiB: end-of-stream records sent paused (vCPU contexts, shared-info page, TSC info,
 *   P2M frame list of a small PV guest).
 * None of them is fitted to a published result. One more is measured, not estimated:
 * - vif plug 300 ms: plugging one virtual NIC of the new domain while both copies are paused
 *   costs 0.3 s of downtime per VIF (xapi-project/xenopsd pull request 205, CP-11841, 2015:
 *   moving the plug before the suspend "reduces the VM downtime … in 0.3s for each VIF").
 *   libxl still plugs after the stream (libxl_create.c's restore order), so xl migrate pays it.
 */
export const PRECOPY_ASSUMPTIONS = {
  setupMs: 200,
  suspendMs: 1.5,
  stateBytes: 16 * 1024,
  resumeMs: 20,
  vifPlugMs: 300,
  vifs: 1,
  arpDelayMs: 20,
  linkGbps: 1,
  linkLatencyMs: 0.1,
} as const;

/** A migration of a guest of `memoryMiB` with working set `wwsPages` dirtied at `dirtyPagesPerS`. */
export function precopyParams(
  memoryMiB: number,
  wwsPages: number,
  dirtyPagesPerS: number,
  mode: MigrationMode = 'push',
  overrides: Partial<PrecopyParams> = {},
): PrecopyParams {
  const a = PRECOPY_ASSUMPTIONS;
  return {
    memoryPages: Math.round((memoryMiB * 1024 * 1024) / 4096),
    dirty: { wwsPages, dirtyPagesPerS },
    linkBitsPerS: a.linkGbps * 1e9,
    linkLatency: ms(a.linkLatencyMs),
    maxIterations: XEN_MAX_ITERATIONS,
    targetDirtyCount: XEN_TARGET_DIRTY_COUNT,
    setup: ms(a.setupMs),
    suspend: us(a.suspendMs * 1000),
    stateBytes: a.stateBytes,
    devicePlug: ms(a.vifPlugMs * a.vifs),
    resume: ms(a.resumeMs),
    arpDelay: ms(a.arpDelayMs),
    mode,
    controlLatency: ms(a.linkLatencyMs),
    ...overrides,
  };
}
