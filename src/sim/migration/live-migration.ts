import type { Simulator } from '../engine/simulator';
import { MigEvent, TraceKind, type TraceRecorder } from '../engine/trace';
import { ms, sec, type Micros } from '../engine/units';
import { PRECOPY_ASSUMPTIONS } from './defaults';
import type { MigrationParams } from './params';
import {
  MAX_BATCH_PAGES,
  PrecopyMigration,
  type InterruptOutcome,
  type PrecopyParams,
  type PrecopyResult,
  type PrecopyRound,
} from './precopy';

/**
 * What a live migration needs from the world, by host id and VM id only, so the process does not
 * care how many hosts there are or how they are wired.
 */
export interface MigrationPort {
  /** The guest stops running on `host` (suspended for the stop-and-copy round). */
  pauseVm(host: number, vm: number, now: Micros): void;
  /** The guest runs on `host` with the full state; the copy on the source is gone. */
  resumeVm(host: number, vm: number, from: number, now: Micros): void;
  /** Clients' ARP caches now send the guest's traffic to `host`. */
  moveService(host: number, vm: number, now: Micros): void;
  /**
   * Pages the running guest's workload dirtied on `host` since the last call (the log-dirty
   * bitmap's read-and-clear at the end of a round), besides its kernel's working set.
   */
  takeDirtyPages(host: number, vm: number): number;
  /** `costUs` of driver-domain CPU on `host`, queued behind its netback work. */
  dom0Work(host: number, costUs: number): void;
}

/** Timing constants the migration shares with the rest of the lab. */
export interface MigrationTiming {
  /** Suspending the guest (the lab's replication.suspendMs: the same libxl suspend path). */
  readonly suspend: Micros;
  /** dom0 CPU to map, copy and send (or receive) one page (the lab's replication.dom0PageCostUs). */
  readonly dom0PageCostUs: number;
  /** From "go" to the guest running on the target (the lab's failure.resumeMs). */
  readonly resume: Micros;
  /** From the guest's gratuitous ARP until clients follow it (the lab's failure.arpDelayMs). */
  readonly arpDelay: Micros;
}

/** The migration block of a run's summary. Times in s (absolute) or ms (durations). */
export interface MigrationSummary {
  trigger: MigrationParams['trigger'];
  mode: MigrationParams['mode'];
  requestedS: number;
  /** Where the guest runs at the end: the target once the migration finished. */
  completed: boolean;
  /** Why it did not complete ('interrupted: …', 'not finished by the end of the run'), else null. */
  note: string | null;
  streamStartS: number | null;
  /** Pages per round, live rounds first, the stop-and-copy round last. */
  roundPages: number[];
  liveRounds: number;
  stopReason: PrecopyResult['stopReason'] | null;
  pagesSent: number;
  /** Requested to running on the target. */
  totalTimeS: number | null;
  /** Guest not running: paused on the source to running on the target. */
  downtimeMs: number | null;
  /** Service unreachable by the mechanism's arithmetic: pause to clients following the ARP. */
  serviceGapMs: number | null;
  pausedS: number | null;
  resumedS: number | null;
  clientsFollowS: number | null;
  /** The longest interruption the probes saw (UDP probe's outage), when a probe ran. */
  probeOutageMs: number | null;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const sOf = (t: Micros | undefined): number | null => (t === undefined ? null : r3(t / 1e6));
const msOf = (t: number | undefined): number | null =>
  t === undefined ? null : Math.round(t) / 1000;

/**
 * One live migration of `vm` from host `source` to host `target` in a running world: the pre-copy
 * stream (PrecopyMigration, Xen 4.17's rules) with the guest's dirty pages coming from its
 * running workload, the pause on the source, the resume on the target with the full state, the
 * guest's gratuitous ARP and the clients following it. A graceful-shutdown trigger adds the
 * cluster manager's decision before the stream: Heartbeat's hb_initiate_shutdown gives up the
 * node's resources and one message tells the failover node (heartbeat.c, Heartbeat 2.x), which
 * in pull mode then asks the source to migrate (PrecopyMigration adds that message).
 */
export class LiveMigration {
  private readonly precopy: PrecopyMigration;
  private readonly requestedAt: Micros;
  private streamStartAt: Micros | undefined;
  private pausedAt: Micros | undefined;
  private resumedAt: Micros | undefined;
  private followAt: Micros | undefined;
  private interrupted: InterruptOutcome | undefined;
  private readonly rounds: PrecopyRound[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly trace: TraceRecorder,
    private readonly params: MigrationParams,
    timing: MigrationTiming,
    private readonly port: MigrationPort,
    readonly source: number,
    readonly target: number,
    readonly vm: number,
    /** The longest outage a probe saw, in µs (null when no probe runs). */
    private readonly probeOutage: () => number | null = () => null,
  ) {
    const p = params;
    const a = PRECOPY_ASSUMPTIONS;
    const latency = ms(p.linkLatencyMs);
    const precopy: PrecopyParams = {
      memoryPages: Math.round((p.memoryMiB * 1024 * 1024) / 4096),
      dirty: {
        wwsPages: p.wwsPages,
        dirtyPagesPerS: p.wwsWritesPerS,
        extra: () => port.takeDirtyPages(source, vm),
      },
      linkBitsPerS: p.linkGbps * 1e9,
      linkLatency: latency,
      maxIterations: p.maxRounds,
      targetDirtyCount: p.stopCopyPages,
      setup: ms(a.setupMs),
      suspend: timing.suspend,
      stateBytes: a.stateBytes,
      // The lab's service VMs have one virtual NIC each.
      devicePlug: ms(p.vifPlugMs),
      resume: timing.resume,
      arpDelay: timing.arpDelay,
      mode: p.mode,
      controlLatency: latency,
    };
    this.precopy = new PrecopyMigration(sim, precopy, {
      onStreamStart: (t) => {
        this.streamStartAt = t;
        // Log-dirty mode starts clean: what the workload wrote before is in round 1 anyway.
        port.takeDirtyPages(source, vm);
        trace.add(t, TraceKind.Migration, vm, MigEvent.StreamStart, target);
      },
      onRound: (r) => {
        this.rounds.push(r);
        const kind = r.live ? MigEvent.Round : MigEvent.StopCopy;
        trace.add(r.start, TraceKind.Migration, vm, kind, r.pages, r.end);
      },
      onPause: (t) => {
        this.pausedAt = t;
        trace.add(t, TraceKind.Migration, vm, MigEvent.Pause, source);
        port.pauseVm(source, vm, t);
      },
      onSend: (r) => this.chargeDom0(r, timing.dom0PageCostUs, latency),
      onDevicesPlugged: (t, from) =>
        trace.add(t, TraceKind.Migration, vm, MigEvent.DevicesPlugged, target, from),
      onResume: (t) => this.resume(t),
      onArp: (t) => {
        this.followAt = t;
        trace.add(t, TraceKind.Migration, vm, MigEvent.ClientsFollow, target);
        port.moveService(target, vm, t);
      },
    });
    this.requestedAt = sec(p.atS);
    const graceful = p.trigger === 'graceful-shutdown';
    sim.at(this.requestedAt, (t) =>
      trace.add(t, TraceKind.Migration, vm, MigEvent.Requested, graceful ? 1 : 0),
    );
    // Graceful shutdown, pull: the failover node hears of the give-up one message later and
    // starts from there. Push (or planned): the node running the guest starts it at once.
    const decision = graceful && p.mode === 'pull' ? latency : 0;
    this.precopy.start((this.requestedAt + decision) as Micros);
  }

  /**
   * The stream's driver-domain work, as Remus's checkpoint pages are (ADR 0017): on the source,
   * xc_domain_save maps and writes each PAGE_DATA batch of up to 1024 pages before it goes on the
   * wire; on the target, the restore copies it into the new domain once it arrived. Each batch is
   * one dom0 job at `pageCostUs` a page, queued behind netback on both hosts, at the time its
   * batch is sent or received. The stream's pace stays the link's: at the default 1 µs a page,
   * dom0 prepares a page 30 times faster than 1 Gb/s carries it (32.8 µs).
   */
  private chargeDom0(r: PrecopyRound, pageCostUs: number, latency: number): void {
    if (r.pages <= 0 || pageCostUs <= 0) return;
    const batches = Math.ceil(r.pages / MAX_BATCH_PAGES);
    const span = r.end - r.start;
    for (let i = 0; i < batches; i++) {
      const pages = Math.min(MAX_BATCH_PAGES, r.pages - i * MAX_BATCH_PAGES);
      const cost = pages * pageCostUs;
      const sendAt = r.start + Math.floor((span * i) / batches);
      const arriveAt = r.start + Math.floor((span * (i + 1)) / batches) + latency;
      this.sim.at(sendAt as Micros, () => {
        if (!this.interrupted) this.port.dom0Work(this.source, cost);
      });
      this.sim.at(arriveAt as Micros, () => {
        if (!this.interrupted) this.port.dom0Work(this.target, cost);
      });
    }
  }

  /** The source host failed at `now` (a crash): the migration stops the way xl_migrate.c does. */
  sourceDown(now: Micros): void {
    if (this.interrupted || this.resumedAt !== undefined) return;
    if (this.streamStartAt === undefined && now < this.requestedAt) return;
    const outcome = this.precopy.interrupt(now, 'source-down');
    if (outcome.kind === 'finished' || outcome.kind === 'continues') return;
    this.interrupted = outcome;
    this.trace.add(now, TraceKind.Migration, this.vm, MigEvent.Interrupted, 1);
  }

  private resume(t: Micros): void {
    this.resumedAt = t;
    this.trace.add(t, TraceKind.Migration, this.vm, MigEvent.Resume, this.target);
    this.port.resumeVm(this.target, this.vm, this.source, t);
    // The resumed guest's own gratuitous ARPs (netfront reconnect), count × interval.
    for (let k = 0; k < this.params.arpCount; k++) {
      const at = (t + k * ms(this.params.arpIntervalMs)) as Micros;
      this.sim.at(at, (a) => this.trace.add(a, TraceKind.Migration, this.vm, MigEvent.Arp, k));
    }
  }

  /** The migration's own block of the run summary. */
  summary(): MigrationSummary {
    const r = this.precopy.done;
    const live = this.rounds.filter((x) => x.live).length;
    const note = this.interrupted
      ? `interrupted: ${this.interrupted.kind}`
      : this.followAt === undefined
        ? 'not finished by the end of the run'
        : null;
    const outage = this.probeOutage();
    return {
      trigger: this.params.trigger,
      mode: this.params.mode,
      requestedS: r3(this.requestedAt / 1e6),
      completed: this.followAt !== undefined,
      note,
      streamStartS: sOf(this.streamStartAt),
      roundPages: this.rounds.map((x) => x.pages),
      liveRounds: live,
      stopReason: r?.stopReason ?? null,
      pagesSent: this.rounds.reduce((n, x) => n + x.pages, 0),
      totalTimeS:
        this.resumedAt === undefined ? null : r3((this.resumedAt - this.requestedAt) / 1e6),
      downtimeMs:
        this.resumedAt === undefined || this.pausedAt === undefined
          ? null
          : msOf(this.resumedAt - this.pausedAt),
      serviceGapMs:
        this.followAt === undefined || this.pausedAt === undefined
          ? null
          : msOf(this.followAt - this.pausedAt),
      pausedS: sOf(this.pausedAt),
      resumedS: sOf(this.resumedAt),
      clientsFollowS: sOf(this.followAt),
      probeOutageMs: outage === null ? null : msOf(outage),
    };
  }
}
