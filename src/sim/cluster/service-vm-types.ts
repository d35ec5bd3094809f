import type { Simulator } from '../engine/simulator';
import type { TraceRecorder } from '../engine/trace';
import type { Micros } from '../engine/units';
import type { Host } from '../host/host';
import type { VmSlot } from '../host/vm-params';
import type { Packet, PacketLedger } from '../net/packet';
import type { Scenario } from '../scenario/scenario';
import type { SipStack } from '../telephony/sip-stack';

/** What a service VM needs from the deployment around it. */
export interface Deployment {
  readonly sim: Simulator;
  readonly trace: TraceRecorder;
  readonly ledger: PacketLedger;
  readonly scenario: Scenario;
  /** The host with this number (1–4), when it is in the deployment. */
  host(n: number): Host | undefined;
  /** Whether hosts a and b reach each other (no partition between them). */
  reach(a: number, b: number): boolean;
  /** Whether VM k's replication link carries traffic. */
  replicationLinkUp(k: number): boolean;
  /** Endpoint mode: where the application reports the RTP it reads. */
  readonly onMedia: ((p: Packet, now: Micros) => void) | undefined;
  /** REGISTER transactions the clients saw succeed (for the acknowledged-then-lost count). */
  acknowledged(): Iterable<number>;
  /** The RFC 3261 SIP stack (telephony.sipStack = rfc3261), built after the service VMs. */
  sipStack(): SipStack | undefined;
}

/** One service VM's part of the run summary, told by the unit itself. */
export interface ServiceVmSummary {
  vm: string;
  services: string[];
  protection: VmSlot['protection'];
  homeHost: number;
  activeHost: number | null;
  takeovers: number;
  /** When its Remus primary gave up the backup and ran unprotected (s), or null. */
  unprotectedFromS: number | null;
  /** When replication towards a repaired host resumed after a resynchronisation (s), or null. */
  reprotectedAtS: number | null;
  /** Time two active copies ran at once (split brain), s. */
  twoActiveCopiesS: number;
  lostAfterAck: number;
}
