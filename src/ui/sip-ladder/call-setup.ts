import { SipMethod } from '../../sim/sip/message';
import { SipMsgFlag, decodeMessage } from '../../sim/telephony/sip-trace';
import type { SipMessages } from './sip-messages';

/** One call's set-up as its caller saw it: when it dialled and how long it waited (ms). */
export interface CallSetup {
  /** The INVITE's first copy (µs). */
  readonly dialledUs: number;
  /** Post-dial delay: until the first 180 Ringing arrived (ms), or NaN when none did. */
  readonly ringingMs: number;
  /** Set-up time: until the first 200 OK to the INVITE arrived (ms), or NaN when none did. */
  readonly answeredMs: number;
}

/**
 * Each call's post-dial delay and set-up time from the SIP message records (the copies the ladder
 * draws): the first 180 and the first 200 (INVITE) the server side sent that arrived, measured
 * from the INVITE's first copy, as the UAC's metrics count them (sip-metrics.ts). In the order the
 * calls were dialled.
 */
export function callSetups(msgs: SipMessages): CallSetup[] {
  const out: CallSetup[] = [];
  for (const x of msgs.exchanges) {
    if (!x.call) continue;
    let ringing = Infinity;
    let answered = Infinity;
    for (const c of msgs.copiesOf(x.id)) {
      if (!(c.flags & SipMsgFlag.FromServer) || c.flags & SipMsgFlag.Lost) continue;
      const { method, status } = decodeMessage(c.code);
      if (method !== SipMethod.Invite) continue;
      if (status === 180) ringing = Math.min(ringing, c.atUs);
      if (status === 200) answered = Math.min(answered, c.atUs);
    }
    const ms = (t: number) => (Number.isFinite(t) ? (t - x.firstUs) / 1000 : NaN);
    out.push({ dialledUs: x.firstUs, ringingMs: ms(ringing), answeredMs: ms(answered) });
  }
  return out.sort((a, b) => a.dialledUs - b.dialledUs);
}
