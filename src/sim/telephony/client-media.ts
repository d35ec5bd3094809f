import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import type { DelayLink } from '../net/link';
import { PacketKind, type Packet, type PacketLedger } from '../net/packet';
import { CODECS, rtpIpBytes, type RtpCodec } from './codec';

/**
 * A client's RTP stream towards the media VM `vm`: one packet of the call's codec every ptime from `first`, over
 * its uplink to wherever the service address points (`toService`), until the run ends.
 */
export function startClientMedia(
  sim: Simulator,
  ledger: PacketLedger,
  end: Micros,
  stream: number,
  vm: number,
  up: DelayLink,
  toService: (l: DelayLink, p: Packet) => void,
  first: Micros,
  codec: RtpCodec = CODECS.g711,
): void {
  let seq = 0;
  const bytes = rtpIpBytes(codec) as Packet['bytes'];
  const tick = (now: Micros) => {
    if (now >= end) return;
    toService(
      up,
      ledger.create({
        kind: PacketKind.Rtp,
        bytes,
        tcp: false,
        vm,
        client: stream,
        flow: stream,
        seq: seq++,
        sentAt: now,
      }),
    );
    sim.at((now + codec.ptime) as Micros, tick);
  };
  sim.at(first, tick);
}
