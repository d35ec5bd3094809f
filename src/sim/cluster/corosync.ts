import { ms, type Micros } from '../engine/units';

/**
 * Corosync's totem timing and votequorum's arithmetic, from corosync v3.1.10's source
 * (exec/totemconfig.c, exec/votequorum.c, man/corosync.conf.5):
 * - token 3000 ms (TOKEN_TIMEOUT); with a nodelist of 3 or more nodes the real token timeout
 *   is token + (nodes − 2) × token_coefficient, token_coefficient 650 ms (TOKEN_COEFFICIENT);
 * - consensus unset ⇒ 1.2 × the real token timeout (totem_volatile_config_read);
 * - join 50 ms (JOIN_TIMEOUT), merge 200 ms (MERGE_TIMEOUT);
 * - votequorum's calculate_quorum: quorum = max(⌊(expected + 2) / 2⌋, ⌊(votes + 2) / 2⌋), and 1
 *   in two_node mode with at most two members; a partition is quorate when its votes reach the
 *   quorum ("quorum > total_votes ⇒ inquorate"). So a partition needs more than half the
 *   expected votes, and a tie has no quorum.
 *
 * Failure to new membership: a member that stops passing the token is noticed when the token
 * timeout expires (the token is lost); the survivors gather, and since the dead node never
 * sends a join, they agree only when the consensus timeout expires and puts it on the failed
 * list (totemsrp.c memb_state_consensus_timeout_expired); then one exchange of joins among
 * the survivors, the commit token's two rotations and the recovery rotation.
 */
export interface TotemConfig {
  /** Configured token timeout (before the coefficient). */
  readonly tokenMs: number;
  readonly tokenCoefficientMs: number;
  /** Undefined: 1.2 × the real token timeout. */
  readonly consensusMs?: number;
  readonly joinMs: number;
  readonly mergeMs: number;
  /** Nodes in the nodelist. */
  readonly nodes: number;
  /** Votes per node (votequorum quorum_votes, default 1 each). */
  readonly votes?: readonly number[];
  /** votequorum two_node: each of two nodes keeps quorum alone (fencing decides). */
  readonly twoNode?: boolean;
}

/** corosync 3.1.10 defaults (exec/totemconfig.c). */
export const COROSYNC_DEFAULTS = {
  tokenMs: 3000,
  tokenCoefficientMs: 650,
  joinMs: 50,
  mergeMs: 200,
} as const;

export function totemConfig(nodes: number, overrides: Partial<TotemConfig> = {}): TotemConfig {
  return { ...COROSYNC_DEFAULTS, nodes, ...overrides };
}

/** The token timeout totem really uses (runtime.config.totem.token). */
export function realTokenTimeout(c: TotemConfig): Micros {
  const extra = c.nodes > 2 ? (c.nodes - 2) * c.tokenCoefficientMs : 0;
  return ms(c.tokenMs + extra);
}

/** consensus, or 1.2 × the real token timeout (integer ms, as the C cast truncates). */
export function consensusTimeout(c: TotemConfig): Micros {
  return ms(c.consensusMs ?? Math.trunc(1.2 * (realTokenTimeout(c) / 1000)));
}

/** Votes of node `n`. */
export function nodeVotes(c: TotemConfig, n: number): number {
  return c.votes?.[n] ?? 1;
}

export function expectedVotes(c: TotemConfig): number {
  let total = 0;
  for (let n = 0; n < c.nodes; n++) total += nodeVotes(c, n);
  return total;
}

/** votequorum's calculate_quorum for a partition holding `members`. */
export function quorumFor(c: TotemConfig, members: readonly number[]): number {
  if (c.twoNode && members.length <= 2) return 1;
  const votes = members.reduce((s, n) => s + nodeVotes(c, n), 0);
  return Math.max(Math.floor((expectedVotes(c) + 2) / 2), Math.floor((votes + 2) / 2));
}

export function isQuorate(c: TotemConfig, members: readonly number[]): boolean {
  const votes = members.reduce((s, n) => s + nodeVotes(c, n), 0);
  return votes >= quorumFor(c, members);
}

/**
 * From a member's failure to the new membership of `survivors` nodes, on a network of one-way
 * latency `latency`: token timeout, consensus timeout, one join exchange, and three rotations
 * (two of the commit token, one of recovery) around the new ring.
 */
export function failureToMembership(c: TotemConfig, survivors: number, latency: Micros): Micros {
  return (realTokenTimeout(c) + consensusTimeout(c) + latency + 3 * survivors * latency) as Micros;
}

/**
 * From two partitions meeting again to their merged membership: the next merge-detect message
 * (every merge timeout), then, everyone answering, one join exchange and three rotations.
 */
export function mergeToMembership(c: TotemConfig, members: number, latency: Micros): Micros {
  return (ms(c.mergeMs) + latency + 3 * members * latency) as Micros;
}
