import { ms, type Micros } from '../engine/units';

/**
 * The three ways a SIP message can travel (RFC 3261 §18): UDP; TCP over one persistent
 * connection; TCP with a new connection for each transaction (handshake before, teardown after).
 */
export type SipTransportKind = 'udp' | 'tcp' | 'tcp-per-transaction';

/** All SIP transports of the model, in a stable order (tests and option lists). */
export const SIP_TRANSPORTS: readonly SipTransportKind[] = ['udp', 'tcp', 'tcp-per-transaction'];

/** A transport is reliable when it retransmits by itself (RFC 3261 §17: TCP, SCTP, TLS). */
export const isReliable = (t: SipTransportKind): boolean => t !== 'udp';

/** RFC 3261 §17.1.1.1: T1, the RTT estimate, default 500 ms. */
export const T1 = ms(500);
/** RFC 3261 §17.1.2.2: T2, the cap on non-INVITE and 2xx retransmission intervals, 4 s. */
export const T2 = ms(4000);
/** RFC 3261 Table 4: T4, the longest a message stays in the network, 5 s. */
export const T4 = ms(5000);

/**
 * The timers of RFC 3261 Table 4 (Appendix A) for one transport. A, E and G are *initial*
 * intervals (they double: A without cap, E and G capped at T2); the others are one-shot.
 * Over a reliable transport the request retransmission timers A and E and the response
 * retransmission timer G are never set, and D, I, J and K are zero: there are no
 * retransmissions left in the network to absorb. Timer C (proxy INVITE, > 3 min) is not here:
 * the model has no forking proxy.
 */
export interface SipTimers {
  readonly t1: Micros;
  readonly t2: Micros;
  readonly t4: Micros;
  /** Whether requests (A, E) and INVITE final responses (G) are retransmitted. */
  readonly retransmits: boolean;
  /** INVITE request retransmit interval, initially T1 (§17.1.1.2, UDP only). */
  readonly a: Micros;
  /** INVITE transaction timeout, 64·T1 (§17.1.1.2). */
  readonly b: Micros;
  /** Wait for response retransmissions, ≥ 32 s over UDP, 0 over TCP (§17.1.1.2). */
  readonly d: Micros;
  /** Non-INVITE request retransmit interval, initially T1 (§17.1.2.2, UDP only). */
  readonly e: Micros;
  /** Non-INVITE transaction timeout, 64·T1 (§17.1.2.2). */
  readonly f: Micros;
  /** INVITE final response retransmit interval, initially T1 (§17.2.1, UDP only). */
  readonly g: Micros;
  /** Wait for ACK receipt, 64·T1 (§17.2.1). */
  readonly h: Micros;
  /** Wait for ACK retransmissions, T4 over UDP, 0 over TCP (§17.2.1). */
  readonly i: Micros;
  /** Wait for non-INVITE request retransmissions, 64·T1 over UDP, 0 over TCP (§17.2.2). */
  readonly j: Micros;
  /** Wait for response retransmissions, T4 over UDP, 0 over TCP (§17.1.2.2). */
  readonly k: Micros;
}

/**
 * Table 4's values for `transport`. T1 may be changed (§17.1.1.1 allows a smaller value on
 * networks known to be fast); B, F, H and J follow it as 64·T1. Timer D's "at least 32 s" is
 * taken at its minimum, 32 s, independent of T1 as the RFC writes it.
 */
export function sipTimers(
  transport: SipTransportKind,
  t1: Micros = T1,
  t2: Micros = T2,
  t4: Micros = T4,
): SipTimers {
  const unreliable = !isReliable(transport);
  const sixtyFourT1 = (64 * t1) as Micros;
  return {
    t1,
    t2,
    t4,
    retransmits: unreliable,
    a: t1,
    b: sixtyFourT1,
    d: unreliable ? ms(32_000) : (0 as Micros),
    e: t1,
    f: sixtyFourT1,
    g: t1,
    h: sixtyFourT1,
    i: unreliable ? t4 : (0 as Micros),
    j: unreliable ? sixtyFourT1 : (0 as Micros),
    k: unreliable ? t4 : (0 as Micros),
  };
}

/** Next INVITE retransmit interval (§17.1.1.2: Timer A doubles, no cap). */
export const nextTimerA = (current: Micros): Micros => (2 * current) as Micros;

/**
 * Next non-INVITE retransmit interval (§17.1.2.2: Timer E doubles up to T2; in Proceeding it
 * is T2 at once) and next INVITE final-response / 2xx interval (§17.2.1 Timer G and
 * §13.3.1.4: doubling up to T2).
 */
export const nextCappedInterval = (current: Micros, t2: Micros): Micros =>
  Math.min(2 * current, t2) as Micros;
