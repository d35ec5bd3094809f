import { NO_FAILOVER, type FailoverView } from './cluster/failover';
import { startClusterManager, type ClusterManager } from './cluster/cluster-manager';
import { Reachability, injectFailures, type FailureTargets } from './cluster/failure-injector';
import { ServiceVm, type Deployment } from './cluster/service-vm';
import { rngStream } from './engine/rng';
import { Simulator } from './engine/simulator';
import { TraceKind, TraceRecorder } from './engine/trace';
import { ms, sec, type Micros } from './engine/units';
import { Host, type GuestCosts } from './host/host';
import { enabledHosts, type HostSlot } from './host/host-slots';
import { vmsOnHost } from './host/vms-on-host';
import { scheduleLsvmSwitch } from './host/lsvm-switch';
import type { DriverDomain } from './net/driver-domain';
import { startBulkPath } from './net/bulk-path';
import { DelayLink } from './net/link';
import { ObserverInbox } from './net/observer-inbox';
import { mainService } from './cluster/main-service';
import { clientEgress } from './client-egress';
import { DropBins } from './net/drop-bins';
import {
  DropReason,
  PacketKind,
  PacketLedger,
  QUEUE_FULL_REASONS,
  type Packet,
} from './net/packet';
import type { RemusReplicator } from './replication/remus';
import type { Scenario } from './scenario/scenario';
import { migrationInWorld } from './migration/in-world';
import { shutdownAnsweredByMigration } from './migration/shutdown-trigger';
import { failuresOf, firstServiceFailure, serviceVm, serviceVms } from './scenario/topology';
import { CaptureDir, PacketCapture, type CapturePoint } from './export/capture';
import type { PingClient } from './probes/ping';
import { startProbes } from './probes/in-world';
import type { TcpProbe } from './probes/tcp-probe';
import { UDP_CLIENT, type UdpStream } from './probes/udp-stream';
import type { WebClient } from './probes/web-client';
import type { SipClients } from './telephony/sip-population';
import { sipClientsFor } from './telephony/sip-clients-for';
import type { SipStack } from './telephony/sip-stack';
import { EndpointMedia } from './telephony/endpoint-media';
import { RtpReceiver, receiverOf } from './telephony/rtp';
import { codecOf } from './telephony/codec';
import { ClientMedia } from './telephony/client-media';
import { StreamLosses } from './telephony/stream-losses';
import { DelayLinkPool } from './net/link-pool';
import { WorldWorkloads } from './workloads/in-world';

/** Media starts after call set-up; each stream's phase is drawn within one packet time. */
const MEDIA_START = ms(200);
/** How often the clients' RTP receivers are told of arrivals (µs; ObserverInbox, ADR 0021). */
const RTP_INBOX_PERIOD = 1000;

/**
 * Everything one scenario simulates (ADR 16): the hosts of the enabled slots, the VMs placed on
 * them, the service VMs with their protection (Remus, a standby, a restart), the LAN with its
 * clients, and the failures. Built once per run.
 */
export class World {
  readonly sim = new Simulator();
  readonly trace = new TraceRecorder();
  readonly ledger = new PacketLedger();
  readonly end: Micros;
  /** Hosts by slot (index n − 1 for host n); a host not in the deployment is undefined. */
  readonly hosts: (Host | undefined)[] = [];
  /** The service VMs (SIP, media) and what protects each. */
  readonly services: ServiceVm[] = [];
  /** The service VM whose failover the run's figures report (the first one a failure hits). */
  readonly main: ServiceVm | undefined;
  readonly registrations: SipClients;
  /** The RFC 3261 SIP stack (telephony.sipStack = rfc3261), else undefined. */
  readonly sip: SipStack | undefined;
  readonly receivers: RtpReceiver[] = [];
  readonly ping: PingClient | undefined;
  readonly udp: UdpStream | undefined;
  readonly web: WebClient | undefined;
  readonly tcp: TcpProbe | undefined;
  /** Workloads w1 … w8 (streams, web servers, transfers). */
  readonly workloads: WorldWorkloads;
  readonly migration: ReturnType<typeof migrationInWorld>;
  /** The driver domain's bulk transmit path, when any VM runs a bulk sender. */
  readonly driverDomain: DriverDomain | undefined;
  /** Partitions and cut replication links. */
  readonly net = new Reachability();
  readonly cluster: ClusterManager | undefined; // Heartbeat or Pacemaker over all hosts
  /** Guest packets that reached the wire before their epoch was acknowledged (0 under Net; No-Net and tcp-only UDP break it by design). */
  commitViolations = 0;
  /** The same, per VM number (index k): a Net VM's own count stays 0 beside a No-Net one. */
  readonly commitViolationsOf: number[] = [];
  /** RTP and SIP as a tcpdump at the chosen point would see them (only when asked for: pcap export). */
  readonly capture: PacketCapture | undefined;

  constructor(
    readonly scenario: Scenario,
    options: { capture?: CapturePoint } = {},
  ) {
    const s = scenario;
    const cap = options.capture ? new PacketCapture(options.capture) : undefined;
    this.capture = cap;
    const atClient = cap?.point === 'client' ? cap : undefined;
    const atServer = cap?.point === 'server' ? cap : undefined;
    const seed = s.seed;
    this.end = sec(s.durationS);
    // Drops are counted per 100 ms bin where they can come by the thousand (an overloaded queue,
    // media to a dead host), so the trace grows with time, not with traffic.
    const queueDrops = new DropBins(this.sim, this.trace, this.end, TraceKind.QueueDrop);
    const rtpLosses = new DropBins(this.sim, this.trace, this.end, TraceKind.RtpLost);
    const workloads = new WorldWorkloads(s, this.sim, this.ledger, this.end, this.trace);
    this.workloads = workloads;
    const losses = new StreamLosses();
    this.ledger.onDrop = (p, reason) => {
      this.sip?.dropped(p, reason);
      workloads.dropped(p);
      if (p.client === UDP_CLIENT) this.udp?.lose();
      if (p.kind === PacketKind.Rtp) {
        // Either leg of a relayed stream (client → relay, relay → client) loses it for its receiver.
        if (p.flow < this.receivers.length) losses.add(p.flow);
        rtpLosses.add(reason, Math.floor(p.sentAt / 1e6));
      } else if (QUEUE_FULL_REASONS.has(reason)) queueDrops.add(reason, p.kind);
      else this.trace.add(this.sim.now, TraceKind.Drop, reason, p.kind, p.id);
    };
    const costs: GuestCosts = {
      relayUs: s.host.relayCostUs,
      sipUs: s.host.sipCostUs,
      pingUs: s.ping.costUs,
      udpUs: s.udp.costUs,
      webUs: s.web.costUs,
      webResponseBytes: s.web.responseKB * 1024,
      tcpUs: s.tcp.costUs,
      server: workloads.server,
    };
    for (const n of enabledHosts(s.hosts)) {
      const { vms, standby } = vmsOnHost(s, n);
      const slot = s.hosts[`h${n}`] as HostSlot;
      this.hosts[n - 1] = new Host(
        this.sim,
        this.trace,
        this.ledger,
        { ...s.host, cores: slot.cores || s.host.cores },
        vms,
        costs,
        n - 1,
        standby,
        s.network.nicGbps,
        s.nic.qdiscPackets,
        s.nic.rxInterruptRate,
      );
    }
    const hostAt = (n: number): Host | undefined => this.hosts[n - 1];
    const sipVm = serviceVm(s, 'sip') ?? 1;
    const mediaVm = serviceVm(s, 'media') ?? 1;
    // By VM id: asked per packet (ARP lookup, output-commit monitor), so an index, not a search.
    const unitByVm: (ServiceVm | undefined)[] = [];
    const unitOf = (k: number): ServiceVm | undefined => unitByVm[k];
    // A per-host copy has no address of its own: it is reached where vm1's service runs (v2's one address).
    const firstUnit = () => this.services[0];
    const ownerOf = (k: number): Host | undefined => {
      const u = unitOf(k);
      if (u) return hostAt(u.owner);
      const placed = s.vms[`vm${k}`]?.host ?? 0;
      return placed > 0 ? hostAt(placed) : hostAt(firstUnit()?.owner ?? 1);
    };
    const lan = ms(s.network.lanDelayMs);
    const extra = ms(s.network.extraDelayMs);
    const link = (name: string) => new DelayLink(this.sim, lan, extra, rngStream(seed, name));
    // The client's ARP cache picks the host when it sends; the frame is an entry in that host's
    // inbound heap until the NIC's interrupt takes it (no event per frame, ADR 0021).
    const toServiceAt = (p: Packet, at: number) => {
      const host = ownerOf(p.vm);
      atClient?.see(this.sim.now, p, CaptureDir.ToServer);
      if (!host) return this.ledger.drop(p, DropReason.HostDown);
      if (host.alive) atServer?.see(at, p, CaptureDir.ToServer);
      host.receiveAt(p, at);
    };
    const toService = (l: DelayLink, p: Packet) => toServiceAt(p, l.arrival());

    // The service VMs and their protection; then the output-commit monitor at each host's wire,
    // independent of the buffers' own bookkeeping.
    const endpoint = s.telephony.mode === 'endpoint';
    const onMedia = endpoint ? (p: Packet, now: Micros) => this.recordRtp(p, now) : undefined;
    const deployment: Deployment = {
      sim: this.sim,
      trace: this.trace,
      ledger: this.ledger,
      scenario: s,
      host: hostAt,
      reach: (a, b) => this.net.reach(a, b),
      replicationLinkUp: (k) => this.net.replicationLinkUp(k),
      onMedia,
      acknowledged: () => this.registrations.stats().succeededIds,
      sipStack: () => this.sip,
    };
    for (const { k, vm } of serviceVms(s)) {
      const u = new ServiceVm(deployment, k, vm);
      this.services.push(u);
      unitByVm[k] = u;
    }
    const hit = firstServiceFailure(s);
    this.main = mainService(s, this.services, unitOf(sipVm));
    for (const h of this.hosts) {
      if (!h) continue;
      h.onWire = (p) => {
        const r = unitOf(p.vm)?.replicator;
        if (r && r.unprotectedAt === Infinity && p.epoch > r.ackedEpoch) {
          this.commitViolations++;
          this.commitViolationsOf[p.vm] = (this.commitViolationsOf[p.vm] ?? 0) + 1;
        }
      };
    }
    const mediaUnit = unitOf(mediaVm);
    // Media "after the failover": after the media VM's own takeover, or after the failure when
    // the media VM was not the one that failed over (a split deployment).
    const failedAt = hit ? sec(hit.f.atS) : Infinity;
    const arpOfMedia = () => {
      const arp = mediaUnit?.firstFailover?.times.arp ?? Infinity;
      return Number.isFinite(arp) ? arp : failedAt;
    };

    // Clients: RTP endpoints (two per call) and the REGISTER population.
    const sipUp = link('sip:up');
    const sipDown = link('sip:down');
    const sip = sipClientsFor({
      s,
      sim: this.sim,
      trace: this.trace,
      ledger: this.ledger,
      end: this.end,
      unit: unitOf(sipVm),
      vm: sipVm,
      host: hostAt,
      toServer: (p) => toService(sipUp, p),
    });
    this.sip = sip.stack;
    this.registrations = sip.clients;
    const downLinks = new DelayLinkPool(seed, lan, extra);
    const codec = codecOf(s.telephony.codec);
    const serverMedia = new EndpointMedia(
      this.sim,
      this.ledger,
      this.end,
      () => hostAt(mediaUnit?.active ?? 1) as Host,
      s.host.relayCostUs,
      mediaVm,
      codec,
    );
    const clientMedia = new ClientMedia(
      this.sim,
      this.ledger,
      this.end,
      mediaVm,
      new DelayLinkPool(seed, lan, extra),
      toServiceAt,
      codec,
    );
    for (let c = 0; c < s.telephony.calls; c++) {
      mediaUnit?.server.openSession(c);
      for (const dir of [0, 1] as const) {
        const stream = c * 2 + dir;
        this.receivers.push(
          new RtpReceiver(
            stream,
            ms(s.telephony.playoutMs),
            arpOfMedia,
            s.telephony.playout,
            codec,
            losses,
          ),
        );
        // Link index = stream: client-egress.ts looks a packet's link up by its flow.
        downLinks.add(`rtp:down:${receiverOf(stream)}`);
        const phase = rngStream(seed, `rtp:phase:${stream}`).int(0, codec.ptime - 1);
        // Endpoint mode: the server sends stream 2c + 1 itself (to client 2c); clients send the rest.
        (this.receivers[stream] as RtpReceiver).started(MEDIA_START + phase);
        if (endpoint && dir === 1)
          serverMedia.start(stream, stream - 1, (MEDIA_START + phase) as Micros);
        else clientMedia.add(stream, (MEDIA_START + phase) as Micros);
      }
    }
    const probes = startProbes({
      sim: this.sim,
      trace: this.trace,
      ledger: this.ledger,
      s,
      seed,
      start: MEDIA_START,
      end: this.end,
      lan,
      extra,
      link,
      toService,
    });
    const { ping, pingDown, probeDown, tcpDown } = probes;
    this.ping = ping;
    this.udp = probes.udp;
    this.web = probes.web;
    this.tcp = probes.tcp;
    for (const h of this.hosts)
      if (h) h.onUdpRead = (p, now) => workloads.onUdpRead(p, now) || this.udp?.onRead(p, now);
    // The clients' RTP receivers only measure: their arrivals are told in 1 ms batches.
    const rtpInbox = new ObserverInbox(
      this.sim,
      RTP_INBOX_PERIOD,
      (q, t) => {
        atClient?.see(t, q, CaptureDir.FromServer);
        this.rtpArrive(q, t);
      },
      (q) => this.ledger.drop(q, DropReason.HostCrash),
    );
    workloads.start({
      hostOf: ownerOf,
      link: (name, more = 0) =>
        new DelayLink(this.sim, (lan + more) as Micros, extra, rngStream(seed, name)),
      toService,
    });
    const egress = clientEgress({
      ledger: this.ledger,
      atServer,
      atClient,
      rtpInbox,
      downLinks,
      probeDown,
      tcpDown,
      pingDown,
      sipDown,
      workloads,
      web: this.web,
      tcp: this.tcp,
      ping,
      registrations: () => this.registrations,
    });
    for (const h of this.hosts) if (h) h.egress = egress;

    // Bulk senders run on the first host (the DBA-VM testbed has one).
    this.driverDomain = startBulkPath(this.sim, this.trace, this.primary, s, this.end);

    scheduleLsvmSwitch(this.sim, s, this.hosts, this.end);
    const targets: FailureTargets = {
      sim: this.sim,
      trace: this.trace,
      end: this.end,
      net: this.net,
      host: hostAt,
      service: unitOf,
      services: this.services,
    };
    this.cluster = startClusterManager(targets, s, enabledHosts(s.hosts));
    // A graceful shutdown a live migration answers is the migration's to act on (ADR 19).
    const answered = shutdownAnsweredByMigration(s);
    injectFailures(
      targets,
      failuresOf(s)
        .map(({ f }) => f)
        .filter((f) => f !== answered),
    );
    this.migration = migrationInWorld(s, this, hostAt, unitOf);
  }

  /** The first host of the deployment (the classic primary; bulk senders run there). */
  get primary(): Host {
    return this.hosts.find((h) => h !== undefined) as Host;
  }

  /** The failover the run's figures report (none: every time is Infinity). */
  get failover(): FailoverView {
    return this.main?.firstFailover ?? NO_FAILOVER;
  }

  /** The Remus replicator of the reported service VM (its first one), if it is checkpointed. */
  get replicator(): RemusReplicator | undefined {
    return this.main?.firstReplicator;
  }

  /** Registrations the clients saw succeed that the serving copy no longer had after a takeover. */
  get lostAfterAck(): number {
    return this.services.reduce((n, u) => n + u.lostAfterAck, 0);
  }

  /** Runs the model up to `t` (µs), or `maxEvents` events; true when `t` (or the end) was reached. */
  advance(t: Micros, maxEvents = Infinity): boolean {
    return this.sim.runUntil(Math.min(t, this.end) as Micros, maxEvents);
  }

  /** Closes open CPU slices at the end of the run. */
  close(): void {
    for (const h of this.hosts) h?.scheduler.flush(this.end);
  }

  private rtpArrive(p: Packet, now: Micros): void {
    this.ledger.deliver(p);
    this.recordRtp(p, now);
  }

  /** A receiver (a client, or the VoIP application in endpoint mode) got RTP packet `p` at `now`. */
  private recordRtp(p: Packet, now: Micros): void {
    const r = this.receivers[p.flow] as RtpReceiver;
    const { jitterMs, lateUs, delayUs } = r.arrive(now, p.seq, p.sentAt);
    this.trace.add(now, TraceKind.RtpRx, p.flow, p.seq, delayUs, jitterMs);
    if (lateUs > 0) this.trace.add(now, TraceKind.RtpLate, p.flow, p.seq, lateUs);
  }
}
