import type { Micros } from '../engine/units';
import type { SipMessage } from './message';

/** Transaction states of RFC 3261 §17 (Figures 5–8). Calling is INVITE's Trying. */
export const TxState = {
  Calling: 1,
  Trying: 2,
  Proceeding: 3,
  Completed: 4,
  Confirmed: 5,
  Terminated: 6,
} as const;
export type TxState = (typeof TxState)[keyof typeof TxState];

/**
 * Hands a message to the transport. `key` names the exchange it belongs to (the transaction
 * id, or the INVITE's for the ACK of a 2xx) so a transport with a connection per transaction
 * knows which connection; `retransmission` is true for every copy after the first.
 */
export type SipSend = (msg: SipMessage, key: number, retransmission: boolean) => void;

/** Why a transaction ended. */
export const TxEnd = {
  /** A final response (client) or the final response's exchange completed (server). */
  Final: 1,
  /** Timer B or F (client): no final response in 64·T1. */
  Timeout: 2,
  /** Timer H (INVITE server): no ACK for a non-2xx final response. */
  NoAck: 3,
  /** The TU gave up on it (a UAC's set-up timeout in Proceeding). */
  Abandoned: 4,
} as const;
export type TxEnd = (typeof TxEnd)[keyof typeof TxEnd];

/** What every transaction records, for metrics and for the checks of the tests. */
export interface TxRecord {
  readonly id: number;
  readonly invite: boolean;
  readonly startedAt: Micros;
  state: TxState;
  /** Copies of the request (client) or of the final response (server) handed to the transport. */
  transmissions: number;
  /** When the final response was received (client) or first sent (server); Infinity: never. */
  completedAt: number;
  terminatedAt: number;
  end: TxEnd | 0;
}
