import type { ServiceVm } from '../cluster/service-vm';
import { rngStream } from '../engine/rng';
import type { Simulator } from '../engine/simulator';
import type { TraceRecorder } from '../engine/trace';
import type { Micros } from '../engine/units';
import type { Host } from '../host/host';
import type { Packet, PacketLedger } from '../net/packet';
import type { Scenario } from '../scenario/scenario';
import { RegisterClients } from './sip-register-clients';
import type { SipDirtyPageLog } from './sip-dirty-pages';
import type { SipClients } from './sip-population';
import { SipStack } from './sip-stack';

/**
 * The SIP clients of a run: the RFC 3261 stack (INVITE and REGISTER over UDP or TCP, ADR 18) when
 * `telephony.sipStack = rfc3261`, else the REGISTER-over-UDP population. The stack follows the SIP
 * service VM (ADR 16) wherever it runs.
 */
export function sipClientsFor(a: {
  s: Scenario;
  sim: Simulator;
  trace: TraceRecorder;
  ledger: PacketLedger;
  end: Micros;
  unit: ServiceVm | undefined;
  vm: number;
  host: (n: number) => Host | undefined;
  toServer: (p: Packet) => void;
}): { stack: SipStack | undefined; clients: SipClients } {
  const { s, unit, vm } = a;
  const rng = rngStream(s.seed, 'sip:clients');
  if (s.telephony.sipStack !== 'rfc3261')
    return {
      stack: undefined,
      clients: new RegisterClients(
        a.sim,
        a.trace,
        a.ledger,
        s.telephony.registerRate,
        s.telephony.sipClients,
        a.end,
        a.toServer,
        rng,
        vm,
      ),
    };
  const sipHost = () => a.host(unit?.active ?? 1) as Host;
  const stack = new SipStack({
    sim: a.sim,
    trace: a.trace,
    ledger: a.ledger,
    telephony: s.telephony,
    end: a.end,
    rng,
    toServer: a.toServer,
    fromServer: (p) => sipHost().guestSend(p, vm),
    serverAlive: () => sipHost().alive,
    // The ladder's columns: 0 = the SIP VM's first host, 1 = wherever it moved.
    owner: () => (unit && unit.owner !== unit.slot.host ? 1 : 0),
    active: () => (unit && unit.active !== unit.slot.host ? 1 : 0),
    epoch: () => unit?.replicator?.epoch ?? 0,
    acked: () => unit?.replicator?.ackedEpoch ?? 0,
    vm,
    dirty: unit?.slot.protection === 'remus' ? (unit.stateWrites as SipDirtyPageLog) : undefined,
  });
  return { stack, clients: stack.population };
}
