import { SipEvent, TopoEvent, TraceKind } from '../engine/trace';
import { ms, sec, type Micros } from '../engine/units';
import type { Host } from '../host/host';
import type { VmSlot } from '../host/vm-params';
import { DirtyPageLog } from '../replication/dirty-pages';
import type { BackupSide } from '../replication/remus';
import { SipDirtyPageLog } from '../telephony/sip-dirty-pages';
import { OutputBuffer } from '../replication/output-buffer';
import { RemusReplicator } from '../replication/remus';
import { replicationOf } from '../scenario/topology';
import { VoipServer, emptyVoipState, stateAtEpoch, type VoipState } from '../telephony/voip-server';
import { FailoverController } from './failover';
import { ManagedFailover } from './managed-failover';
import { resyncTime } from './resync';

import type { Deployment, ServiceVmSummary } from './service-vm-types';
export type { Deployment, ServiceVmSummary } from './service-vm-types';

/**
 * A VM that carries a service (SIP registrar, media relay) and the machinery protecting it: the
 * application and its state, Remus towards the backup host, the failure detector and takeover,
 * a standby copy, or a cluster-manager restart. The clients' ARP entry for its address follows
 * the active copy. It reports its own summary.
 */
export class ServiceVm {
  /** Host number it runs on now (0: nowhere). */
  active: number;
  /** Host number the clients' ARP caches point at. */
  owner: number;
  replicator: RemusReplicator | undefined;
  /**
   * The detector and takeover towards the current backup (a new one after re-protection), or,
   * under a cluster manager over all hosts, the backup side it decides for (ManagedFailover).
   */
  failover: FailoverController | ManagedFailover | undefined;
  /** The first one: the run's failover figures are its. */
  readonly firstFailover: FailoverController | ManagedFailover | undefined;
  /** The first Remus replicator (the run's checkpoint figures are its). */
  get firstReplicator(): RemusReplicator | undefined {
    return this.pastReplicators[0] ?? this.replicator;
  }
  server: VoipServer;
  /** The state of the copy that serves now (what a failover resumes from is a filtered copy). */
  state: VoipState = emptyVoipState();
  lostAfterAck = 0;
  takeovers = 0;
  reprotectedAt = Infinity;
  private splitSince = Infinity;
  /** The host of the old copy while two run. */
  splitHost = 0;
  private splitTotal = 0;
  /** Replicators that ran before the current one (their epochs and releases count too). */
  readonly pastReplicators: RemusReplicator[] = [];
  /** The pages its application's state writes dirty (the SIP stack's own log under rfc3261). */
  readonly stateWrites: DirtyPageLog;
  private guestCrashed = false;
  /**
   * The host holding the current Remus replica (0: none). A crash of that host loses the replica:
   * once repaired it holds nothing until a resynchronisation, so the old detector there must not
   * take over (it resumed a checkpoint from before its crash and lost acknowledged registrations:
   * a fail-stop schedule of the topology property's class, found by hand; see
   * test/topology-regressions.test.ts).
   */
  private replicaHost = 0;
  private resyncing = false;
  private resyncGen = 0;

  constructor(
    readonly d: Deployment,
    readonly k: number,
    readonly slot: VmSlot,
  ) {
    const s = d.scenario;
    this.active = slot.host;
    this.owner = slot.host;
    const rfc3261 = slot.sip && s.telephony.sipStack === 'rfc3261';
    this.stateWrites = new (rfc3261 ? SipDirtyPageLog : DirtyPageLog)(s.telephony.sipClients);
    const home = d.host(slot.host) as Host;
    // Remus and a live migration (ADR 19) read the pages the application's state writes dirty.
    const tracked = slot.protection === 'remus' || (s.migration.enabled && k === s.migration.vm);
    this.server = this.serve(home, tracked ? this.stateWrites : undefined);
    const backup = d.host(slot.backupHost);
    const protectedBy = slot.protection;
    if (protectedBy === 'none' || !backup) return;
    const b = slot.backupHost;
    this.replicaHost = b;
    // Under Heartbeat or Pacemaker over all hosts the cluster manager decides (managed-start.ts).
    this.failover =
      s.cluster.manager === 'pairwise' ? this.watchFrom(b) : new ManagedFailover(d.trace);
    this.firstFailover = this.failover;
    if (protectedBy === 'remus') this.protect(home, b, 0);
  }

  /** The failure detector and takeover on host `b`, watching the active copy. */
  private watchFrom(b: number): FailoverController {
    const d = this.d;
    const s = d.scenario;
    const failure =
      this.slot.protection === 'restart'
        ? // A restart is decided by the cluster manager's membership and takes a boot.
          { ...s.failure, detector: 'heartbeat' as const, resumeMs: s.failure.restartS * 1000 }
        : s.failure;
    return new FailoverController(
      d.sim,
      d.trace,
      failure,
      ms(s.replication.linkLatencyMs),
      // Heartbeat and the checkpoint stream come from the host: a guest crash does not stop them.
      () => d.host(this.active)?.alive ?? false,
      (committed) => this.takeover(b, committed),
      () => this.arp(b),
      {
        linkUp: () => d.reach(this.active, b),
        watcherUp: () =>
          (d.host(b)?.alive ?? false) &&
          (this.slot.protection !== 'remus' || this.replicaHost === b),
        fence: s.failure.fencing ? (now) => this.fence(now) : undefined,
      },
    );
  }

  vcpuUp(n: number): boolean {
    const v = this.d.host(n)?.vm(this.k);
    return v !== undefined && v.state !== 'offline';
  }

  /** The application on `host`, wired to that host's copy of the VM. */
  private serve(host: Host, dirty: DirtyPageLog | undefined): VoipServer {
    const server = new VoipServer(
      this.state,
      this.d.ledger,
      () => this.replicator?.epoch ?? 0,
      (p) => host.guestSend(p, this.k),
      this.d.onMedia,
      dirty,
      this.k,
    );
    const sip = this.slot.sip;
    host.apps[this.k] = (p, now) => {
      // Under rfc3261 the SIP stack's registrar and UAS take their packets; the relay the rest.
      const stack = sip ? this.d.sipStack() : undefined;
      if (stack?.owns(p)) stack.handle(p, now);
      else server.handle(p, now);
    };
    return server;
  }

  /** Starts Remus from `home` towards host `to`, its epochs numbered from `firstEpoch`. */
  private protect(home: Host, to: number, firstEpoch: number): void {
    const d = this.d;
    const repl = replicationOf(d.scenario, this.slot);
    const buffer = new OutputBuffer(
      this.k,
      repl.policy,
      repl.bufferLimitKB * 1000,
      d.ledger,
      d.trace,
    );
    const from = home.id + 1;
    this.replicator = new RemusReplicator(
      d.sim,
      d.trace,
      home,
      this.k,
      this.failover as BackupSide,
      repl,
      buffer,
      this.stateWrites,
      {
        up: () => (d.host(to)?.alive ?? false) && d.reach(from, to) && d.replicationLinkUp(this.k),
        lost: (now) => d.trace.add(now, TraceKind.Topo, this.k, TopoEvent.Unprotected, from),
      },
      ms(d.scenario.failure.detectMs),
      firstEpoch,
    );
  }

  /** The failure detector decided: the copy on host `to` resumes from the last committed state. */
  takeover(to: number, committed: number): void {
    const d = this.d;
    const now = d.sim.now;
    const host = d.host(to) as Host;
    const old = this.active;
    const oldHost = d.host(old);
    const primaryState = this.state;
    const kept =
      this.slot.protection === 'remus' && this.replicator
        ? stateAtEpoch(primaryState, committed)
        : emptyVoipState();
    this.resyncing = false;
    this.resyncGen++;
    this.replicator?.backupTookOver(now);
    if (this.replicator) this.pastReplicators.push(this.replicator);
    this.replicator = undefined;
    this.state = kept;
    this.server = this.serve(host, this.slot.protection === 'remus' ? this.stateWrites : undefined);
    // It runs unprotected until a new backup is resynchronised: no buffer of an old replicator
    // (this host's own, from before it failed) holds its output.
    host.outputStages[this.k] = undefined;
    host.epochs[this.k] = undefined;
    host.startVm(this.k);
    oldHost?.disown(this.k);
    this.active = to;
    this.takeovers++;
    d.trace.add(now, TraceKind.Topo, this.k, TopoEvent.VmActive, to);
    // The old copy still runs (a partition or a cut link, without fencing): two active copies.
    if (oldHost?.alive && this.vcpuUp(old) && !this.guestCrashed) {
      this.splitSince = now;
      this.splitHost = old;
      d.trace.add(now, TraceKind.Topo, this.k, TopoEvent.SplitBrain, old, to);
    }
    if (!this.slot.sip) return;
    const stack = d.sipStack();
    if (stack) {
      this.lostAfterAck += stack.takeover(this.slot.protection === 'remus' ? committed : -1);
      return;
    }
    for (const id of d.acknowledged()) {
      const e = primaryState.transactions.get(id);
      if (e !== undefined && !kept.transactions.has(id)) {
        this.lostAfterAck++;
        d.trace.add(now, TraceKind.Sip, id, SipEvent.LostAfterAck, e);
      }
    }
  }

  /** Live migration (ADR 19): the guest runs on host `to` with all its state; the source copy is gone. */
  migratedTo(to: number, now: Micros): void {
    const host = this.d.host(to);
    if (!host) return;
    this.d.host(this.active)?.stopVm(this.k);
    this.server = this.serve(host, this.stateWrites);
    host.startVm(this.k);
    this.d.host(this.active)?.disown(this.k);
    this.active = to;
    this.d.trace.add(now, TraceKind.Topo, this.k, TopoEvent.VmActive, to);
  }

  /** Clients follow a migrated guest's own gratuitous ARP. */
  pointClientsAt(to: number): void {
    this.owner = to;
  }

  /** Pages the application's state wrote since the last take (log-dirty read-and-clear). */
  takeStateWrites(): number {
    return this.stateWrites.take();
  }

  arp(to: number): void {
    this.owner = to;
  }

  /** STONITH: the survivor powers the active copy's host off. */
  private fence(now: Micros): void {
    const host = this.d.host(this.active);
    if (!host?.alive) return;
    host.crash(now);
    this.d.trace.add(now, TraceKind.Topo, this.active, TopoEvent.HostDown, 1);
  }

  /** Host n crashed (the deployment has halted it): what its copy held is gone. */
  afterHostCrash(n: number, now: Micros): void {
    if (n === this.replicaHost && n !== this.active) this.replicaHost = 0;
    if (n === this.active) this.replicator?.buffer.discard(now);
    if (n === this.active || n === this.splitHost) this.endSplit(now);
  }

  /** The guest crashed (kernel panic); its host runs on. */
  onVmCrash(now: Micros): void {
    const host = this.d.host(this.active);
    if (!host) return;
    this.guestCrashed = true;
    host.stopVm(this.k);
    this.d.trace.add(now, TraceKind.Topo, this.k, TopoEvent.VmDown, this.active);
    // Remus checkpoints the dead guest: the backup holds the crash too and never takes over.
    if (this.replicator) this.replicator.guestDown = true;
    if (this.slot.protection !== 'restart') return;
    // Pacemaker's monitor finds it at its next run and restarts it in place, memory state lost.
    const every = sec(this.d.scenario.failure.monitorS);
    const found = Math.ceil((now + 1) / every) * every;
    this.d.sim.at((found + sec(this.d.scenario.failure.restartS)) as Micros, () =>
      this.restartInPlace(),
    );
  }

  private restartInPlace(): void {
    const host = this.d.host(this.active);
    if (!host?.alive) return;
    this.guestCrashed = false;
    this.state = emptyVoipState();
    this.server = this.serve(host, undefined);
    host.startVm(this.k);
    this.takeovers++;
    this.d.trace.add(this.d.sim.now, TraceKind.Topo, this.k, TopoEvent.VmActive, this.active);
  }

  /** A planned shutdown: the cluster manager knows at once and moves the service without a detection wait. */
  onShutdown(now: Micros): void {
    const host = this.d.host(this.active);
    if (!host) return;
    host.stopVm(this.k);
    this.d.trace.add(now, TraceKind.Topo, this.k, TopoEvent.VmDown, this.active);
    if (this.replicator) this.replicator.guestDown = true;
    this.failover?.declareNow(now);
  }

  /**
   * Host n is about to boot after a repair. When the cluster manager has already declared this
   * VM's copy there dead, it is being recovered on the backup (fenced or not), so the host does
   * not start it: a cluster manager starts a resource on one node only (Pacemaker's resource
   * recovery; found by test/topology.property.test.ts, a restart-protected VM whose host was
   * repaired between its fencing and its restart ran twice).
   */
  beforeHostRepair(n: number): void {
    const decided = (this.failover?.times.declaredDead ?? Infinity) !== Infinity;
    if (n === this.active && decided) this.d.host(n)?.disown(this.k);
  }

  /**
   * Host n was repaired: an unprotected Remus VM (its backup died, or it failed over) gets a new
   * backup there (under a manager once the node is back in the membership: managed-reprotect.ts).
   */
  onHostRepair(n: number, now: Micros): void {
    if (!this.managed) this.resyncTo(n, now);
  }

  /** Re-protection towards host n (resync.ts); `done` is told when protected. False: nothing to do. */
  resyncTo(n: number, now: Micros, done?: (t: Micros) => void): boolean {
    const managed = this.managed;
    if (this.slot.protection !== 'remus' || n === this.active) return false;
    if (managed && this.resyncing) return false;
    if (this.replicator && this.replicator.unprotectedAt === Infinity) return false;
    const home = this.d.host(this.active);
    if (!home?.alive) return false;
    this.resyncing = true;
    const gen = this.resyncGen;
    const at = (now + resyncTime(this.d.scenario.replication)) as Micros;
    this.d.sim.at(at, (t) => {
      if (managed && gen !== this.resyncGen) return; // a takeover made it moot
      this.resyncing = false;
      if (!home.alive || !(this.d.host(n)?.alive ?? false)) return;
      if (managed && this.d.host(this.active) !== home) return; // it migrated meanwhile
      const first = (this.replicator?.epoch ?? this.pastEpoch()) + 1;
      if (this.replicator) this.pastReplicators.push(this.replicator);
      this.replicaHost = n;
      // Under a manager the new backup decides nothing either.
      this.failover = managed ? new ManagedFailover(this.d.trace) : this.watchFrom(n);
      // The resynchronised backup holds everything up to here.
      this.failover.committedEpoch = first - 1;
      this.protect(home, n, first);
      this.reprotectedAt = t;
      this.d.trace.add(t, TraceKind.Topo, this.k, TopoEvent.Protected, n);
      done?.(t);
    });
    return true;
  }

  /** The host holding the current Remus replica (0: none). */
  get replicaAt(): number {
    return this.replicaHost;
  }

  /** Whether a cluster manager over all hosts (not the pairwise detector) decides its takeovers. */
  get managed(): boolean {
    return this.failover instanceof ManagedFailover;
  }

  private pastEpoch(): number {
    return this.pastReplicators.reduce((m, r) => Math.max(m, r.epoch), 0);
  }

  /** A partition or a cut link healed, or the old copy's host died: two copies no longer both run. */
  endSplit(now: number): void {
    if (this.splitSince === Infinity) return;
    this.splitHost = 0;
    this.splitTotal += now - this.splitSince;
    this.splitSince = Infinity;
  }

  summary(now: number): ServiceVmSummary {
    const services = [this.slot.sip ? 'sip' : '', this.slot.media ? 'media' : ''].filter(Boolean);
    const unprotected = [...this.pastReplicators, ...(this.replicator ? [this.replicator] : [])]
      .map((r) => r.unprotectedAt)
      .filter((t) => t !== Infinity);
    const split = this.splitTotal + (this.splitSince === Infinity ? 0 : now - this.splitSince);
    return {
      vm: `vm${this.k}`,
      services,
      protection: this.slot.protection,
      homeHost: this.slot.host,
      activeHost: this.d.host(this.active)?.alive && this.vcpuUp(this.active) ? this.active : null,
      takeovers: this.takeovers,
      unprotectedFromS: unprotected.length > 0 ? Math.min(...unprotected) / 1e6 : null,
      reprotectedAtS: this.reprotectedAt === Infinity ? null : this.reprotectedAt / 1e6,
      twoActiveCopiesS: Math.round(split / 1e3) / 1e3,
      lostAfterAck: this.lostAfterAck,
    };
  }
}
