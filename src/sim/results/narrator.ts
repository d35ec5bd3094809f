import {
  HbEvent,
  MigEvent,
  SipEvent,
  TopoEvent,
  TraceKind,
  type TraceBatch,
} from '../engine/trace';
import { DROP_REASON_NAMES, type DropReason } from '../net/packet';
import { migrationLine } from './migration-story';
import { membershipText, topologyLine } from './topology-story';
import { registrarAnswer } from '../telephony/sip-trace';
import { SILENCE_FLOOR_US, WORKLOAD_BIN_US } from '../workloads/workload-meter';

/** One line of a run's story: when (µs), what, and how notable. */
export interface StoryLine {
  readonly tUs: number;
  readonly text: string;
  /** event: a step of the mechanism; problem: something a user should look at. */
  readonly tone: 'event' | 'problem';
}

/** Why a group was stopped (ResourceStopped's c). */
const STOP_WHY: Record<number, string> = {
  1: ': its partition has no quorum',
  2: ' to move it back to its home host (failback)',
  3: ': the node is put in standby',
};

const at = (us: number): string => `${(us / 1e6).toFixed(3)} s`;

/**
 * "What happened" in words, read from the trace as it streams in (the same records the timeline
 * draws): the crash, each step of detection and takeover, the first media and signalling after it,
 * the first loss of each kind. Firsts only, so a long run tells a short story.
 */
export class Narrator {
  private readonly lines: StoryLine[] = [];
  private readonly seen = new Set<string>();
  private takeoverAt = Infinity;
  private arpAt = Infinity;
  private crashAt = Infinity;
  /** When the last RTP packet reached a client, and the last REGISTER was answered. */
  private lastRtpAt = -Infinity;
  private lastSipAt = -Infinity;
  private lastBeatHeard = -Infinity;
  private stoppedAt = -Infinity;
  /** Per host, the members of its last cluster view (Membership records). */
  private readonly members = new Map<number, number>();
  /** Hosts repaired during the run (a HostUp record). */
  private readonly booted = new Set<number>();
  /** Membership lines already told, by instant and view: where, and the nodes they name. */
  private readonly viewLines = new Map<string, { index: number; nodes: number[] }>();
  /** The latest partition or cut link (µs). */
  private cutAt = -Infinity;
  private pausedAt = NaN;
  /** A fence device powered the peer off (STONITH) before the takeover. */
  private fenced = false;
  /** The last takeover started a standby copy with no replicated state. */
  private coldTakeover = false;
  /** Per workload slot, its last unit done (µs; its bin's end until WorkloadIdle says). */
  private readonly workloadDoneUntil = new Map<number, number>();
  /** Per workload slot, when its clients started (WorkloadStart). */
  private readonly workloadStart = new Map<number, number>();

  private once(key: string, tUs: number, text: string, tone: StoryLine['tone'] = 'event'): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.lines.push({ tUs, text, tone });
  }

  /** Folds one batch of records into the story. */
  add(b: TraceBatch): void {
    for (let i = 0; i < b.count; i++) {
      const t = b.t[i] as number;
      const a = b.a[i] as number;
      const e = b.entity[i] as number;
      switch (b.kind[i]) {
        case TraceKind.Epoch:
          this.once(
            'epoch',
            b.c[i] as number,
            'First checkpoint acknowledged by the backup: buffered output can leave from now on.',
          );
          break;
        case TraceKind.Release:
          if ((b.b[i] as number) > 0)
            this.once(
              'release',
              t,
              `First output-buffer release: ${a} packets held for epoch ${b.c[i] as number} leave at once (a burst).`,
            );
          break;
        case TraceKind.RtpRx: {
          this.once('rtp', t, 'First RTP packet reaches a client: media is flowing.');
          const before = this.lastRtpAt;
          this.lastRtpAt = t;
          // From the backup: media that had stopped for the failover (a silence from before the
          // ARP about as long as crash → ARP, however long the wire). In a split deployment the
          // media VM may not fail over at all: its packets after the ARP are no news.
          const resumed = !Number.isFinite(this.crashAt) || this.endsOutage(before, t);
          if (t >= this.arpAt && resumed)
            this.once(
              'rtp-after',
              t,
              // A false failover has no crash to count from (the primary still runs: split brain).
              Number.isFinite(this.crashAt)
                ? `First RTP from the backup reaches a client, ${((t - this.crashAt) / 1e3).toFixed(0)} ms after the crash.`
                : `First RTP from the backup reaches a client, ${((t - this.arpAt) / 1e3).toFixed(0)} ms after its ARP, ${this.fenced ? 'the primary powered off by the fence' : 'while the primary still runs'}.`,
            );
          break;
        }
        case TraceKind.SipMsg:
          // The RFC 3261 stack writes each message copy; a REGISTER's 2xx that reached its client
          // is the registrar answering, as the simple model's Success record is.
          if (registrarAnswer(a, b.b[i] as number)) this.registerAnswered(t);
          break;
        case TraceKind.Sip:
          if (a === SipEvent.Success) this.registerAnswered(t);
          else if (a === SipEvent.Timeout)
            this.once(
              'sip-timeout',
              t,
              'A REGISTER transaction timed out (Timer F: the client gave up).',
              'problem',
            );
          else if (a === SipEvent.LostAfterAck)
            this.once(
              'sip-lost',
              t,
              this.coldTakeover
                ? 'A registration the client saw succeed is missing on the backup copy (it started with none).'
                : 'A registration the client saw succeed is missing on the backup (it was newer than the last committed checkpoint).',
              'problem',
            );
          break;
        case TraceKind.RtpLost: {
          // c: the bin's first such loss (its start t would put a loss before a crash inside it).
          const at = Math.max(t, b.c[i] as number);
          const why = DROP_REASON_NAMES[e as DropReason] ?? 'unknown';
          // a: the second they were sent in. Packets that waited (at a paused VM, in a queue) are
          // dropped later than they went silent: say when they were sent.
          this.once(
            `lost-${e}`,
            at,
            a < Math.floor(at / 1e6)
              ? `RTP packets sent from ${a} s on are dropped (${why}): the receivers had stopped hearing them then.`
              : `RTP packets start being lost (${why}).`,
            'problem',
          );
          break;
        }
        case TraceKind.Topo: {
          if (a === TopoEvent.HostUp) this.booted.add(e);
          // A host that goes down forgets its view: after a repair it forms a new one.
          if (a === TopoEvent.HostDown) this.members.delete(e);
          if (a === TopoEvent.LinkDown) this.cutAt = t;
          const line = topologyLine(a, e, b.b[i] as number, b.c[i] as number, t, this.crashAt);
          if (line) this.once(line.key, t, line.text, line.tone);
          break;
        }
        case TraceKind.Hb:
          this.heartbeat(t, a, e, b.b[i] as number, b.c[i] as number);
          break;
        case TraceKind.Workload:
          this.workload(t, e, a, b.b[i] as number);
          break;
        case TraceKind.WorkloadIdle:
          this.workloadDoneUntil.set(e, t);
          break;
        case TraceKind.WorkloadStart:
          this.workloadStart.set(e, t);
          break;
        case TraceKind.WorkloadDone:
          this.once(
            `w${e}-done`,
            t,
            `Workload w${e} finishes (its transfer's last byte is acknowledged).`,
          );
          break;
        case TraceKind.Migration: {
          if (a === MigEvent.Pause) this.pausedAt = t;
          const line = migrationLine(a, e, b.b[i] as number, b.c[i] as number, t, this.pausedAt);
          if (line) this.once(line.key, t, line.text, line.tone);
          break;
        }
      }
    }
  }

  /**
   * A workload's 100 ms bin (`t` its first unit done, or its start): its first failures, and its
   * first work after a crash's silence.
   */
  private workload(t: number, slot: number, good: number, bad: number): void {
    const binStart = t - (t % WORKLOAD_BIN_US);
    // Told at the bin's end: the failures came some time in it (after a crash inside it, say).
    if (bad > 0)
      this.once(
        `w${slot}-bad`,
        binStart + WORKLOAD_BIN_US,
        `Workload w${slot} starts failing: ${bad} ${bad === 1 ? 'failure' : 'failures'} (lost packets, client time-outs or resent segments) in the 100 ms to here.`,
        'problem',
      );
    if (good <= 0) return;
    const until = this.workloadDoneUntil.get(slot);
    // Its first unit ever, when it started waiting during an outage (before the clients followed
    // the ARP): it has no "last before the crash" to come back from, so this line is where its
    // wait shows, from the later of its start and the crash. A workload that starts after the
    // recovery, or one the failure did not touch (no wait), is no news.
    const start = this.workloadStart.get(slot) ?? t;
    const from = Math.max(start, this.crashAt);
    if (
      until === undefined &&
      t > this.crashAt &&
      start < this.arpAt &&
      t - from > SILENCE_FLOOR_US
    )
      this.once(
        `w${slot}-first`,
        t,
        `Workload w${slot} gets its first work done, ${((t - from) / 1e6).toFixed(2)} s after ${start > this.crashAt ? 'it started' : 'the crash'}.`,
      );
    // The silence holds the crash (its last unit came before it, or with what was on its way).
    const back =
      until !== undefined &&
      t - until > SILENCE_FLOOR_US &&
      until <= this.crashAt + WORKLOAD_BIN_US &&
      t > this.crashAt;
    if (back)
      this.once(
        `w${slot}-back`,
        t,
        `Workload w${slot} gets work done again, ${((t - until) / 1e6).toFixed(2)} s after its last before the crash.`,
      );
    // Until its WorkloadIdle record says when the last unit came, the bin's end stands for it.
    this.workloadDoneUntil.set(slot, binStart + WORKLOAD_BIN_US);
  }

  private heartbeat(t: number, ev: number, node: number, flag: number, why: number): void {
    switch (ev) {
      case HbEvent.BeatReceived:
        // After a crash the beats still heard are the other nodes' (a three-node cluster): the
        // warning is about the crashed one, last heard before it.
        if (!(t > this.crashAt)) this.lastBeatHeard = t;
        break;
      case HbEvent.Crash:
        this.crashAt = t;
        this.once(
          'crash',
          t,
          `The primary host crashes (node ${node}): its VMs, queues and unsent output are gone.`,
          'problem',
        );
        break;
      case HbEvent.BeatMissed:
        this.once('missed', t, 'The backup misses an expected heartbeat.');
        break;
      case HbEvent.Warn:
        this.once(
          'warn',
          t,
          `Heartbeat late: nothing heard for ${((t - this.lastBeatHeard) / 1e3).toFixed(0)} ms (warntime).`,
        );
        break;
      case HbEvent.DeclaredDead:
        this.once(
          'dead',
          t,
          flag === 1
            ? 'The backup declares the primary dead although it is running: a false failover.'
            : `The backup declares the primary dead, ${Number.isFinite(this.crashAt) ? `${((t - this.crashAt) / 1e3).toFixed(0)} ms after the crash` : 'with no crash'}.`,
          flag === 1 ? 'problem' : 'event',
        );
        break;
      case HbEvent.Membership: {
        // flag: the members node `node` now sees; why: 1 when they are quorate. A view that grows
        // (the cluster forming, a node back) is no news; one that shrinks is a node declared dead.
        // Only changes are recorded: a host's first view replaces the cluster as it formed (all
        // of it), unless the host booted since — then it is the view it forms after its boot.
        const before = this.members.get(node) ?? (this.booted.has(node) ? 0 : Infinity);
        this.members.set(node, flag);
        if (flag >= before) break;
        // Counted from the latest disruption before it: the crash, or a partition after it.
        const cause =
          Number.isFinite(this.crashAt) && this.crashAt >= this.cutAt
            ? { at: this.crashAt, what: 'the crash' }
            : { at: this.cutAt, what: 'the partition' };
        // Nodes whose views shrink alike at one instant share a line ("h2 and h3").
        const key = `view@${t}@${flag}@${why}`;
        const same = this.viewLines.get(key);
        const nodes = same ? [...same.nodes, node] : [node];
        const line = {
          tUs: t,
          text: membershipText(
            nodes,
            flag,
            why === 1,
            Number.isFinite(cause.at) ? { ...cause, t } : null,
          ),
          tone: why === 1 ? ('event' as const) : ('problem' as const),
        };
        if (same) this.lines[same.index] = line;
        else {
          this.viewLines.set(key, { index: this.lines.length, nodes });
          this.lines.push(line);
        }
        if (same) same.nodes = nodes;
        break;
      }
      case HbEvent.ResourceStopped:
        this.stoppedAt = t;
        this.once(
          `stop@${t}`,
          t,
          `The cluster manager stops vm${flag} on h${node}${STOP_WHY[why] ?? ''}.`,
        );
        break;
      case HbEvent.Takeover:
        // A start right after the manager stopped it elsewhere: the move (failback), not a failover.
        if (this.seen.has('takeover') && t - this.stoppedAt < 5e6)
          this.once(
            `start@${t}`,
            t,
            `The VM starts on h${node}, ${((t - this.stoppedAt) / 1e3).toFixed(1)} ms after its stop.`,
          );
        this.takeoverAt = t;
        this.coldTakeover = flag < 0;
        // flag: the committed epoch it starts from; none (−1) for a standby copy, which boots cold.
        this.once(
          'takeover',
          t,
          flag >= 0
            ? 'The backup resumes the VM from the last committed checkpoint (takeover).'
            : 'The backup copy starts with no replicated state (a standby, or no checkpoint committed yet): what the VM held only in memory (relay sessions, registrations) is gone (takeover).',
        );
        break;
      case HbEvent.Fenced:
        this.fenced = true;
        this.once(
          'fenced',
          t,
          'The fence device powers the peer off before the takeover (STONITH): one copy runs.',
        );
        break;
      case HbEvent.GratuitousArp:
        this.arpAt = t;
        this.once('arp', t, 'Gratuitous ARP: clients now send to the backup.');
        break;
    }
  }

  /** A REGISTER was answered at `t` (either SIP model's record of it). */
  private registerAnswered(t: number): void {
    const before = this.lastSipAt;
    this.lastSipAt = t;
    // Answers that had stopped for the failover come again — from the backup, or from a
    // registrar whose output waited for a backup that died with the crash (Net holds it until
    // Remus gives the backup up), so the line does not say who answers.
    const resumed = !Number.isFinite(this.crashAt) || this.endsOutage(before, t);
    if (t >= this.takeoverAt && resumed)
      this.once(
        'sip-after',
        t,
        Number.isFinite(this.crashAt)
          ? `REGISTERs are answered again, ${((t - this.crashAt) / 1e3).toFixed(0)} ms after the crash.`
          : 'First REGISTER answered by the backup.',
      );
  }

  /**
   * Whether a service's answer at `t`, its previous at `before`, ends the failover's outage: the
   * silence began before the ARP and lasts at least half of crash → ARP (a service the failure
   * did not touch pauses for an epoch at most), and over the silence floor.
   */
  private endsOutage(before: number, t: number): boolean {
    const outage = this.arpAt - this.crashAt;
    return (
      before < this.arpAt &&
      t - before > SILENCE_FLOOR_US &&
      (!Number.isFinite(outage) || t - before >= outage / 2)
    );
  }

  /** The story so far, in time order, each line starting with its time. */
  story(): { tUs: number; text: string; tone: StoryLine['tone'] }[] {
    return [...this.lines]
      .sort((x, y) => x.tUs - y.tUs)
      .map((l) => ({ ...l, text: `${at(l.tUs)} — ${l.text}` }));
  }
}
