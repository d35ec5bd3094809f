import { FailoverController } from './cluster/failover';
import { rngStream } from './engine/rng';
import { Simulator } from './engine/simulator';
import { SipEvent, TraceKind, TraceRecorder } from './engine/trace';
import { ms, sec, us, type Micros } from './engine/units';
import { Host, VM_VOIP, type GuestCosts } from './host/host';
import type { DriverDomain } from './net/driver-domain';
import { startBulkPath } from './net/bulk-path';
import { DelayLink } from './net/link';
import { DropBins } from './net/drop-bins';
import {
  PacketKind,
  PacketLedger,
  QUEUE_FULL_REASONS,
  RTP_IP_BYTES,
  type Packet,
} from './net/packet';
import { DirtyPageLog } from './replication/dirty-pages';
import { OutputBuffer } from './replication/output-buffer';
import { RemusReplicator } from './replication/remus';
import type { Scenario } from './scenario/scenario';
import { hostMigrationPort } from './migration/host-port';
import { LiveMigration } from './migration/live-migration';
import { CaptureDir, PacketCapture, type CapturePoint } from './export/capture';
import { PingClient } from './probes/ping';
import { TcpBulk } from './probes/tcp-bulk';
import { TcpTransfer } from './probes/tcp-transfer';
import { UdpStream } from './probes/udp-stream';
import { WebClient } from './probes/web-client';
import { RegisterClients } from './telephony/sip-register-clients';
import { EndpointMedia } from './telephony/endpoint-media';
import { G711, RtpReceiver, receiverOf } from './telephony/rtp';
import { VoipServer, emptyVoipState, stateAtEpoch } from './telephony/voip-server';

/** Media starts after call set-up; each stream's phase is drawn within one packet time. */
const MEDIA_START = ms(200);

/**
 * Everything one scenario simulates: two hosts (primary, backup), the LAN with its clients, the
 * replication of the primary's VoIP VM and the failover machinery. Built once per run.
 */
export class World {
  readonly sim = new Simulator();
  readonly trace = new TraceRecorder();
  readonly ledger = new PacketLedger();
  readonly end: Micros;
  readonly primary: Host;
  readonly backup: Host;
  readonly replicator: RemusReplicator | undefined;
  readonly failover: FailoverController;
  readonly registrations: RegisterClients;
  readonly receivers: RtpReceiver[] = [];
  readonly primaryServer: VoipServer;
  readonly ping: PingClient | undefined;
  readonly udp: UdpStream | undefined;
  readonly web: WebClient | undefined;
  readonly tcp: TcpBulk | TcpTransfer | undefined;
  /** The live migration of the VoIP VM, when the scenario asks for one. */
  readonly migration: LiveMigration | undefined;
  /** The driver domain's bulk transmit path, when any VM runs a bulk sender. */
  readonly driverDomain: DriverDomain | undefined;
  /** Guest packets that reached the wire before their epoch was acknowledged (0 under Net; No-Net and tcp-only UDP break it by design). */
  commitViolations = 0;
  /** Registrations a client saw succeed that the backup never had (possible under No-Net). */
  lostAfterAck = 0;
  /** Host that owns the service address in the clients' ARP caches. */
  private owner = 0;
  /** Host whose VoIP VM runs the service (the backup once it took over). */
  private active = 0;
  /** RTP and SIP as a tcpdump at the chosen point would see them (only when asked for: pcap export). */
  readonly capture: PacketCapture | undefined;
  /** Endpoint mode: where the VoIP application reports the RTP it reads. */
  private onMedia: ((p: Packet, now: Micros) => void) | undefined;

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
    this.ledger.onDrop = (p, reason) => {
      if (p.kind === PacketKind.Rtp) {
        // Either leg of a relayed stream (client → relay, relay → client) loses it for its receiver.
        this.receivers[p.flow]?.lose();
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
    };
    const hosts = [0, 1].map(
      (id) =>
        new Host(
          this.sim,
          this.trace,
          this.ledger,
          s.host,
          s.vms,
          costs,
          id,
          id === 0,
          s.network.nicGbps,
          s.nic.qdiscPackets,
        ),
    );
    this.primary = hosts[0] as Host;
    this.backup = hosts[1] as Host;

    const lan = ms(s.network.lanDelayMs);
    const extra = ms(s.network.extraDelayMs);
    const link = (name: string) => new DelayLink(this.sim, lan, extra, rngStream(seed, name));
    const toService = (l: DelayLink, p: Packet) => {
      const host = hosts[this.owner] as Host;
      atClient?.see(this.sim.now, p, CaptureDir.ToServer);
      l.send(p, (q, now) => {
        if (host.alive) atServer?.see(now, q, CaptureDir.ToServer);
        host.receive(q);
      });
    };

    // Replication and failover.
    const state = emptyVoipState();
    const repl = s.replication;
    // The pages the VoIP application's state writes dirty; only a replicated VM's are tracked.
    const stateWrites = new DirtyPageLog(s.telephony.sipClients);
    this.failover = new FailoverController(
      this.sim,
      this.trace,
      s.failure,
      ms(repl.linkLatencyMs),
      () => this.primary.alive,
      (committed) => this.takeover(committed, state),
      () => {
        this.owner = 1;
      },
    );
    if (repl.enabled) {
      const buffer = new OutputBuffer(
        VM_VOIP,
        repl.policy,
        repl.bufferLimitKB * 1000,
        this.ledger,
        this.trace,
      );
      this.replicator = new RemusReplicator(
        this.sim,
        this.trace,
        this.primary,
        this.failover,
        repl,
        buffer,
        stateWrites,
      );
      const r = this.replicator;
      // Output-commit monitor at the wire, independent of the buffer's own bookkeeping.
      this.primary.onWire = (p) => {
        if (p.epoch > r.ackedEpoch) this.commitViolations++;
      };
    }
    const endpoint = s.telephony.mode === 'endpoint';
    const onMedia = endpoint ? (p: Packet, now: Micros) => this.recordRtp(p, now) : undefined;
    this.onMedia = onMedia;
    this.primaryServer = new VoipServer(
      state,
      this.ledger,
      () => this.replicator?.epoch ?? 0,
      (p) => this.primary.guestSend(p),
      onMedia,
      repl.enabled || s.migration.enabled ? stateWrites : undefined,
    );
    this.primary.onGuestPacket = (p, now) => this.primaryServer.handle(p, now);

    // Clients: RTP endpoints (two per call) and the REGISTER population.
    const sipUp = link('sip:up');
    const sipDown = link('sip:down');
    this.registrations = new RegisterClients(
      this.sim,
      this.trace,
      this.ledger,
      s.telephony.registerRate,
      s.telephony.sipClients,
      this.end,
      (p) => toService(sipUp, p),
      rngStream(seed, 'sip:clients'),
    );
    const downLinks: DelayLink[] = [];
    const serverMedia = new EndpointMedia(
      this.sim,
      this.ledger,
      this.end,
      () => hosts[this.active] as Host,
      s.host.relayCostUs,
    );
    for (let c = 0; c < s.telephony.calls; c++) {
      this.primaryServer.openSession(c);
      for (const dir of [0, 1] as const) {
        const stream = c * 2 + dir;
        this.receivers.push(
          new RtpReceiver(
            stream,
            ms(s.telephony.playoutMs),
            () => this.failover.times.arp,
            s.telephony.playout,
          ),
        );
        downLinks.push(link(`rtp:down:${receiverOf(stream)}`));
        const phase = rngStream(seed, `rtp:phase:${stream}`).int(0, G711.ptime - 1);
        // Endpoint mode: the server sends stream 2c + 1 itself (to client 2c); clients send the rest.
        (this.receivers[stream] as RtpReceiver).started(MEDIA_START + phase);
        if (endpoint && dir === 1)
          serverMedia.start(stream, stream - 1, (MEDIA_START + phase) as Micros);
        else this.startMedia(stream, link(`rtp:up:${stream}`), toService, phase);
      }
    }
    const pingUp = link('ping:up');
    const pingDown = link('ping:down');
    const ping = s.ping.enabled
      ? new PingClient(
          this.sim,
          this.trace,
          this.ledger,
          s.ping,
          MEDIA_START,
          this.end,
          (p) => toService(pingUp, p),
          rngStream(seed, 'ping:client'),
        )
      : undefined;
    this.ping = ping;
    const probeUp = link('probe:up');
    const probeDown = link('probe:down');
    const toProbe = (p: Packet) => toService(probeUp, p);
    this.udp = s.udp.enabled
      ? new UdpStream(this.sim, this.ledger, s.udp, MEDIA_START, this.end, toProbe)
      : undefined;
    for (const h of hosts) h.onUdpRead = (p, now) => this.udp?.onRead(p, now);
    this.web = s.web.enabled
      ? new WebClient(
          this.sim,
          this.ledger,
          s.web,
          MEDIA_START,
          this.end,
          toProbe,
          rngStream(seed, 'web:clients'),
        )
      : undefined;
    // The remote TCP sender sits behind the WAN delay, both ways.
    const wan = ms(s.tcp.wanDelayMs);
    const tcpUp = new DelayLink(this.sim, (lan + wan) as Micros, extra, rngStream(seed, 'tcp:up'));
    const tcpDown = new DelayLink(
      this.sim,
      (lan + wan) as Micros,
      extra,
      rngStream(seed, 'tcp:down'),
    );
    const toTcp = (p: Packet) => toService(tcpUp, p);
    const Tcp = s.tcp.transferKB > 0 ? TcpTransfer : TcpBulk;
    this.tcp = s.tcp.enabled
      ? new Tcp(this.sim, this.ledger, s.tcp, MEDIA_START, this.end, toTcp)
      : undefined;
    const egress = (p: Packet, now: Micros) => {
      atServer?.see(now, p, CaptureDir.FromServer);
      if (p.kind === PacketKind.HttpResponse) {
        probeDown.send(p, (q, now) => {
          this.ledger.deliver(q);
          this.web?.onResponse(q, now);
        });
      } else if (p.kind === PacketKind.TcpAck) {
        tcpDown.send(p, (q, now) => {
          if (this.tcp) this.tcp.onAck(q, now);
          else this.ledger.deliver(q);
        });
      } else if (p.kind === PacketKind.Icmp) {
        pingDown.send(p, (q, now) => ping?.onReply(q, now));
      } else if (p.kind === PacketKind.Rtp) {
        (downLinks[p.flow] as DelayLink).send(p, (q, t) => {
          atClient?.see(t, q, CaptureDir.FromServer);
          this.rtpArrive(q, t);
        });
      } else {
        sipDown.send(p, (q, t) => {
          atClient?.see(t, q, CaptureDir.FromServer);
          this.registrations.onResponse(q, t);
        });
      }
    };
    this.primary.egress = egress;
    this.backup.egress = egress;

    this.driverDomain = startBulkPath(this.sim, this.trace, this.primary, s, this.end);

    const flip = s.host.lsvmSwitchVm;
    if (s.host.scheduler === 'vslicer' && flip > 0) {
      this.sim.at(Math.min(sec(s.host.lsvmSwitchAtS), this.end) as Micros, () => {
        for (const h of hosts) {
          const v = h.vms[flip];
          if (v && h.vslicer) h.vslicer.setLsvm(v, !v.traits.lsvm, h.scheduler.all);
        }
      });
    }

    this.migration = s.migration.enabled
      ? new LiveMigration(
          this.sim,
          this.trace,
          s.migration,
          {
            suspend: us(Math.round(s.replication.suspendMs * 1000)),
            resume: ms(s.failure.resumeMs),
            arpDelay: ms(s.failure.arpDelayMs),
          },
          hostMigrationPort(hosts, stateWrites, s.replication.dirtyPagesPerPacket, {
            runServiceOn: (h) => this.serveOn(hosts[h] as Host, state),
            pointClientsAt: (h) => {
              this.owner = h;
            },
          }),
          0,
          1,
          VM_VOIP,
          () => this.udp?.stats().outageUs ?? null,
        )
      : undefined;

    if (s.failure.crash) {
      this.sim.at(sec(s.failure.atS), (now) => {
        this.migration?.sourceDown(now);
        this.failover.onCrash(now);
        this.primary.crash(now);
        this.replicator?.buffer.discard(now);
      });
    }
  }

  /** Runs the model up to `t` (µs), or `maxEvents` events; true when `t` (or the end) was reached. */
  advance(t: Micros, maxEvents = Infinity): boolean {
    return this.sim.runUntil(Math.min(t, this.end) as Micros, maxEvents);
  }

  /** Closes open CPU slices at the end of the run. */
  close(): void {
    this.primary.scheduler.flush(this.end);
    this.backup.scheduler.flush(this.end);
  }

  private startMedia(
    stream: number,
    up: DelayLink,
    toService: (l: DelayLink, p: Packet) => void,
    phase: number,
  ): void {
    let seq = 0;
    const tick = (now: Micros) => {
      if (now >= this.end) return;
      toService(
        up,
        this.ledger.create({
          kind: PacketKind.Rtp,
          bytes: RTP_IP_BYTES,
          tcp: false,
          vm: 1,
          client: stream,
          flow: stream,
          seq: seq++,
          sentAt: now,
        }),
      );
      this.sim.at((now + G711.ptime) as Micros, tick);
    };
    this.sim.at((MEDIA_START + phase) as Micros, tick);
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

  /** The VoIP application runs on `host` with `state` (it sends through that host). */
  private serveOn(host: Host, state: ReturnType<typeof emptyVoipState>): void {
    const server = new VoipServer(
      state,
      this.ledger,
      () => 0,
      (p) => host.guestSend(p),
      this.onMedia,
    );
    host.onGuestPacket = (p, now) => server.handle(p, now);
    this.active = host.id;
  }

  /** The backup resumes the VoIP VM from the last committed checkpoint. */
  private takeover(committed: number, primaryState: ReturnType<typeof emptyVoipState>): void {
    // The VM already runs on the backup (it migrated there): nothing to take over.
    if (this.active !== 0) return;
    const replicated = this.replicator !== undefined;
    const state = replicated ? stateAtEpoch(primaryState, committed) : emptyVoipState();
    this.serveOn(this.backup, state);
    this.backup.scheduler.resume(this.backup.voip);
    const now = this.sim.now;
    for (const id of this.registrations.stats().succeededIds) {
      const e = primaryState.transactions.get(id);
      if (e !== undefined && !state.transactions.has(id)) {
        this.lostAfterAck++;
        this.trace.add(now, TraceKind.Sip, id, SipEvent.LostAfterAck, e);
      }
    }
  }
}
