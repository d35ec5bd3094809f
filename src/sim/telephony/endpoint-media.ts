import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import type { Host } from '../host/host';
import { DropReason, PacketKind, type Packet, type PacketLedger } from '../net/packet';
import { CODECS, rtpIpBytes, type RtpCodec } from './codec';

/**
 * The VoIP VM's own media when it terminates calls (an IVR or conference bridge, as in the
 * vSlicer VoIP tests) instead of relaying them. Every ptime (20 ms) the guest's timer queues a send job on
 * the VM that runs the service; the packet leaves only once that VM gets a CPU, so CPU waits
 * become jitter at the client. RTP timestamps and `sentAt` are the nominal 20 ms ticks.
 */
export class EndpointMedia {
  constructor(
    private readonly sim: Simulator,
    private readonly ledger: PacketLedger,
    private readonly end: Micros,
    /** The host whose VoIP VM runs the service now (the backup after takeover). */
    private readonly activeHost: () => Host,
    private readonly costUs: number,
    /** The VM that carries the media service. */
    private readonly vm: number,
    private readonly codec: RtpCodec = CODECS.g711,
  ) {}

  /** Starts the server → client stream `stream` for the client `client`, first tick at `start`. */
  start(stream: number, client: number, start: Micros): void {
    let seq = 0;
    const tick = (nominal: Micros) => {
      if (nominal >= this.end) return;
      // The call's media clock ticks whether or not the VM is up: a tick the dead VM cannot serve
      // is a packet the client misses, so it is created and dropped (the receiver counts it lost).
      const p = this.ledger.create({
        kind: PacketKind.Rtp,
        bytes: rtpIpBytes(this.codec) as Packet['bytes'],
        tcp: false,
        vm: this.vm,
        client,
        flow: stream,
        seq: seq++,
        sentAt: nominal,
      });
      const host = this.activeHost();
      const v = host.vm(this.vm);
      if (host.alive && v && v.state !== 'offline')
        host.guestJob(this.vm, this.costUs, () => host.guestSend(p, this.vm), p);
      else this.ledger.drop(p, host.alive && v ? DropReason.VmDown : DropReason.HostDown);
      this.sim.at((nominal + this.codec.ptime) as Micros, tick);
    };
    this.sim.at(start, tick);
  }
}
