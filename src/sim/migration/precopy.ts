import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import { dirtiedPages, type DirtyModel } from './dirty-pages';

/**
 * Xen live migration by pre-copy, as an event process on the simulator. The rules are Xen
 * 4.17's (tools/libs/guest/xg_sr_save.c, RELEASE-4.17.5):
 *
 * - send_memory_live: round 1 sends every page with the guest running and log-dirty mode on;
 *   each later round sends the pages dirtied during the previous one (the log-dirty CLEAN at the
 *   end of each round reads and clears the bitmap).
 * - simple_precopy_policy (the default: libxl sets no precopy_policy callback): stop pre-copying
 *   when a round's dirty count is below SPP_TARGET_DIRTY_COUNT = 50 pages or when
 *   SPP_MAX_ITERATIONS = 5 rounds have been sent. Below the threshold the loop still sends that
 *   round live before it stops (the send precedes the policy's break), so the stop-and-copy set
 *   is what the guest dirtied during the last live round.
 * - suspend_and_send_dirty: suspend the guest (the same libxl__domain_suspend path Remus uses),
 *   send the final dirty set and the end-of-stream state records with the guest paused.
 * - xl migrate (tools/xl/xl_migrate.c): after the stream the receiver sends "ready", the sender
 *   renames its copy away and answers "go", and only then does the receiver unpause the domain:
 *   one round trip of the migration link inside the downtime. The stream opens with the
 *   receiver's banner (one more round trip, before any page).
 * - The migration v2 stream has no rate limit (legacy xc_domain_save's MAX_MBIT_RATE is gone):
 *   pages go at the link's bandwidth. Each page costs 4096 bytes plus its 8-byte PFN entry in a
 *   PAGE_DATA record; a record carries up to MAX_BATCH_SIZE = 1024 pages behind an 8-byte record
 *   header and an 8-byte PAGE_DATA header (xg_sr_stream_format.h, xg_save_restore.h).
 *
 * Push and pull move the same stream from source to destination (Xen has no "pull" stream);
 * the difference is who starts it: in push the source's cluster manager runs `xl migrate`; in
 * pull the destination's manager asks the source to (R7's Heartbeat on the failover node), so
 * the stream starts one control message later, and the destination's manager learns the
 * outcome when that remote command returns.
 */
export type MigrationMode = 'push' | 'pull';

/** Xen 4.17 simple_precopy_policy: SPP_MAX_ITERATIONS (xg_sr_save.c). */
export const XEN_MAX_ITERATIONS = 5;
/** Xen 4.17 simple_precopy_policy: SPP_TARGET_DIRTY_COUNT (xg_sr_save.c). */
export const XEN_TARGET_DIRTY_COUNT = 50;
/** XC_PAGE_SIZE on x86. */
export const PAGE_BYTES = 4096;
/** MAX_BATCH_SIZE (xg_save_restore.h): pages per PAGE_DATA record. */
export const MAX_BATCH_PAGES = 1024;
/** Per page: its 64-bit PFN entry in the PAGE_DATA record (xg_sr_stream_format.h). */
const PFN_ENTRY_BYTES = 8;
/** Per record: xc_sr_rhdr (type, length) + xc_sr_rec_page_data_header (count, reserved). */
const RECORD_OVERHEAD_BYTES = 16;

export interface PrecopyParams {
  /** Guest memory (p2m size), pages. */
  readonly memoryPages: number;
  readonly dirty: DirtyModel;
  /** Migration link bandwidth, bit/s. */
  readonly linkBitsPerS: number;
  /** One-way latency of the migration link. */
  readonly linkLatency: Micros;
  /** Live rounds before stop-and-copy at the latest (Xen: 5). */
  readonly maxIterations: number;
  /** Stop pre-copying when a round dirtied fewer pages than this (Xen: 50). */
  readonly targetDirtyCount: number;
  /** ssh session and receiver-side domain creation before the banner (assumption). */
  readonly setup: Micros;
  /** Suspending the guest (assumption; the same path as a Remus checkpoint's suspend). */
  readonly suspend: Micros;
  /** End-of-stream records sent while paused: vCPU context, shared info, TSC, END (assumption). */
  readonly stateBytes: number;
  /**
   * The receiver attaches the guest's devices after the last byte of the stream and before it
   * says "ready" (libxl_create.c's callback order on restore: stream_done, rebuild_done,
   * launch_dm, devmodel_started, attach_devices, complete; xl migrate-receive sends
   * "domain received, ready to unpause" only when that returns), so both copies are paused
   * while the vif's backend is created and its hotplug script runs.
   */
  readonly devicePlug: Micros;
  /** From "go" to the guest running on the destination: rename, unpause, frontends reconnect (assumption). */
  readonly resume: Micros;
  /**
   * From resume until peers' traffic follows the guest's gratuitous ARP (assumption). The ARP
   * itself is Linux's: xen-netfront's netback_changed calls netdev_notify_peers when the new
   * backend reaches XenbusStateConnected (drivers/net/xen-netfront.c).
   */
  readonly arpDelay: Micros;
  readonly mode: MigrationMode;
  /** One-way cluster-manager control message between the two nodes. */
  readonly controlLatency: Micros;
}

/** One round of the stream. */
export interface PrecopyRound {
  /** 1-based; the stop-and-copy round is the last. */
  readonly index: number;
  readonly live: boolean;
  readonly pages: number;
  readonly start: Micros;
  readonly end: Micros;
}

export interface PrecopyResult {
  readonly mode: MigrationMode;
  /** When the migration was asked for. */
  readonly requestedAt: Micros;
  /** First page on the wire. */
  readonly streamStartAt: Micros;
  readonly rounds: readonly PrecopyRound[];
  /** Why pre-copy stopped: the dirty set fell below the target, or the rounds ran out. */
  readonly stopReason: 'below-target' | 'max-iterations';
  /** The guest stops running (suspend requested). */
  readonly pausedAt: Micros;
  /** Last byte of the stream received at the destination. */
  readonly streamEndAt: Micros;
  /** The destination's devices are attached: it sends "ready". */
  readonly devicesReadyAt: Micros;
  /** The guest runs on the destination. */
  readonly resumedAt: Micros;
  /** Peers' traffic follows the gratuitous ARP. */
  readonly arpAt: Micros;
  /** The manager that started the migration knows it succeeded. */
  readonly managerKnowsAt: Micros;
  /** Guest not running: resumedAt − pausedAt. */
  readonly downtime: Micros;
  /** Service unreachable: arpAt − pausedAt. */
  readonly serviceGap: Micros;
  /** requestedAt to resumedAt. */
  readonly totalTime: Micros;
  readonly pagesSent: number;
}

export interface PrecopyHooks {
  /** The first page goes on the wire (log-dirty mode is on from here). */
  onStreamStart?(now: Micros): void;
  /** A round was sent (live), or the stop-and-copy round was planned (at the pause). */
  onRound?(round: PrecopyRound): void;
  /** A round's pages start going on the wire (fired at its start, with its end known). */
  onSend?(round: PrecopyRound): void;
  /** The source guest stops running. */
  onPause?(now: Micros): void;
  /** The destination's devices are attached (`from` = end of the stream): it says "ready". */
  onDevicesPlugged?(now: Micros, from: Micros): void;
  /** The guest runs on the destination. */
  onResume?(now: Micros): void;
  /** Peers follow the gratuitous ARP. */
  onArp?(now: Micros): void;
  onDone?(result: PrecopyResult): void;
}

/** What fails during a migration. */
export type InterruptCause = 'source-down' | 'destination-down' | 'link-down';

/** What becomes of the guest when a migration is interrupted. */
export type InterruptOutcome =
  /** The sender resumes its guest (unpaused again at `runsAgainAt`, or never stopped). */
  | { readonly kind: 'source-keeps'; readonly runsAgainAt: Micros }
  /** No runnable copy is left. */
  | { readonly kind: 'lost' }
  /** The receiver had "go": it resumes as planned. */
  | { readonly kind: 'continues' }
  /** The guest already runs on the destination. */
  | { readonly kind: 'finished' };

/** Bytes on the wire for `pages` pages in PAGE_DATA records. */
export function pageDataBytes(pages: number): number {
  if (pages <= 0) return 0;
  const records = Math.ceil(pages / MAX_BATCH_PAGES);
  return pages * (PAGE_BYTES + PFN_ENTRY_BYTES) + records * RECORD_OVERHEAD_BYTES;
}

function wireTime(bytesOnWire: number, bitsPerS: number): number {
  return Math.ceil((bytesOnWire * 8 * 1_000_000) / bitsPerS);
}

/**
 * One live migration. `start(at)` plans it; the rounds then run as simulator events, and the
 * hooks fire at pause, resume and ARP so that a world can stop and restart the guest's traffic.
 */
export class PrecopyMigration {
  private readonly rounds: PrecopyRound[] = [];
  private requestedAt = 0 as Micros;
  private streamStartAt = 0 as Micros;
  private result: PrecopyResult | undefined;
  private cancelled = false;
  private pausedAt: Micros | undefined;
  private goSentAt: Micros | undefined;
  private resumedAt: Micros | undefined;

  constructor(
    private readonly sim: Simulator,
    private readonly p: PrecopyParams,
    private readonly hooks: PrecopyHooks = {},
  ) {
    if (!(p.linkBitsPerS > 0)) throw new RangeError('migration link bandwidth must be positive');
    if (!(p.memoryPages > 0)) throw new RangeError('guest memory must be at least one page');
    if (p.maxIterations < 1) throw new RangeError('at least one live round');
  }

  /** The outcome, once the guest runs on the destination and the ARP went out. */
  get done(): PrecopyResult | undefined {
    return this.result;
  }

  /** Plans the migration at `at` (now or later). */
  start(at: Micros): void {
    this.sim.at(at, (t) => {
      if (this.cancelled) return;
      this.requestedAt = t;
      // Pull: the destination's manager must first reach the source.
      const ask = this.p.mode === 'pull' ? this.p.controlLatency : 0;
      // Banner from the receiver, then the sender's preamble: one round trip before any page.
      const first = t + ask + this.p.setup + 2 * this.p.linkLatency;
      this.streamStartAt = first as Micros;
      this.sim.at(first as Micros, (s) => {
        if (this.cancelled) return;
        this.hooks.onStreamStart?.(s);
        this.liveRound(1, this.p.memoryPages, s);
      });
    });
  }

  /**
   * A node or the link fails at `now` (xl_migrate.c): before the sender has said "go", the
   * receiver's partial domain is discarded and the sender resumes its guest (failed_resume)
   * unless the sender itself died; after "go", the receiver holds the only runnable copy and goes
   * on unless it died (the sender neither resumes nor destroys its copy: failed_badly).
   */
  interrupt(now: Micros, cause: InterruptCause): InterruptOutcome {
    if (this.cancelled) return { kind: 'lost' };
    if (this.resumedAt !== undefined && now >= this.resumedAt) return { kind: 'finished' };
    const goSent = this.goSentAt !== undefined && now >= this.goSentAt;
    if (!goSent) {
      this.cancelled = true;
      if (cause === 'source-down') return { kind: 'lost' };
      const runsAgainAt = (this.pausedAt === undefined ? now : now + this.p.resume) as Micros;
      return { kind: 'source-keeps', runsAgainAt };
    }
    if (cause !== 'destination-down') return { kind: 'continues' };
    this.cancelled = true;
    return { kind: 'lost' };
  }

  private pushRound(r: PrecopyRound): void {
    this.rounds.push(r);
    this.hooks.onRound?.(r);
  }

  private liveRound(index: number, pages: number, start: Micros): void {
    const end = (start + wireTime(pageDataBytes(pages), this.p.linkBitsPerS)) as Micros;
    this.hooks.onSend?.({ index, live: true, pages, start, end });
    this.sim.at(end, () => {
      if (this.cancelled) return;
      this.pushRound({ index, live: true, pages, start, end });
      if (index >= this.p.maxIterations) return this.stopAndCopy(start, end, 'max-iterations');
      const dirtied = dirtiedPages(this.p.dirty, start, end, this.p.memoryPages);
      if (dirtied < this.p.targetDirtyCount) {
        // Below target: Xen still sends this set live, then stops (send precedes the break).
        if (dirtied === 0) return this.stopAndCopy(end, end, 'below-target');
        const lastEnd = (end + wireTime(pageDataBytes(dirtied), this.p.linkBitsPerS)) as Micros;
        this.hooks.onSend?.({
          index: index + 1,
          live: true,
          pages: dirtied,
          start: end,
          end: lastEnd,
        });
        this.sim.at(lastEnd, () => {
          if (this.cancelled) return;
          this.pushRound({
            index: index + 1,
            live: true,
            pages: dirtied,
            start: end,
            end: lastEnd,
          });
          this.stopAndCopy(end, lastEnd, 'below-target');
        });
        return;
      }
      this.liveRound(index + 1, dirtied, end);
    });
  }

  /** `since`: start of the last live round, whose dirtied pages the final round carries. */
  private stopAndCopy(
    since: Micros,
    pausedAt: Micros,
    stopReason: PrecopyResult['stopReason'],
  ): void {
    const p = this.p;
    this.pausedAt = pausedAt;
    this.hooks.onPause?.(pausedAt);
    const suspended = pausedAt + p.suspend;
    const finalPages = dirtiedPages(p.dirty, since, suspended as Micros, p.memoryPages);
    const copy = wireTime(pageDataBytes(finalPages) + p.stateBytes, p.linkBitsPerS);
    const streamEndAt = (suspended + copy + p.linkLatency) as Micros;
    const final: PrecopyRound = {
      index: this.rounds.length + 1,
      live: false,
      pages: finalPages,
      start: suspended as Micros,
      end: (suspended + copy) as Micros,
    };
    this.pushRound(final);
    this.hooks.onSend?.(final);
    // Devices attached, then "ready" to the sender and "go" back: xl_migrate.c's handshake
    // before the unpause.
    const devicesReadyAt = (streamEndAt + p.devicePlug) as Micros;
    this.goSentAt = (devicesReadyAt + p.linkLatency) as Micros;
    const resumedAt = (devicesReadyAt + 2 * p.linkLatency + p.resume) as Micros;
    this.resumedAt = resumedAt;
    const arpAt = (resumedAt + p.arpDelay) as Micros;
    // The receiver's report reaches the sender's xl; in pull, the remote command's exit must
    // then travel back to the destination's manager.
    const report = resumedAt + p.linkLatency;
    const managerKnowsAt = (p.mode === 'pull' ? report + p.controlLatency : report) as Micros;
    const result: PrecopyResult = {
      mode: p.mode,
      requestedAt: this.requestedAt,
      streamStartAt: this.streamStartAt,
      rounds: this.rounds,
      stopReason,
      pausedAt,
      streamEndAt,
      devicesReadyAt,
      resumedAt,
      arpAt,
      managerKnowsAt,
      downtime: (resumedAt - pausedAt) as Micros,
      serviceGap: (arpAt - pausedAt) as Micros,
      totalTime: (resumedAt - this.requestedAt) as Micros,
      pagesSent: this.rounds.reduce((n, r) => n + r.pages, 0),
    };
    this.sim.at(devicesReadyAt, (t) => {
      if (!this.cancelled) this.hooks.onDevicesPlugged?.(t, streamEndAt);
    });
    this.sim.at(resumedAt, (t) => {
      if (!this.cancelled) this.hooks.onResume?.(t);
    });
    this.sim.at(arpAt, (t) => {
      if (this.cancelled) return;
      this.hooks.onArp?.(t);
      this.result = result;
      this.hooks.onDone?.(result);
    });
  }
}
