import { ms, type Micros } from '../engine/units';

/**
 * Heartbeat's ha.cf timing and media, with the compiled defaults and checks of Heartbeat 2.0's
 * heartbeat/config.c (init_config, $Id: config.c,v 1.191 2006/01/16):
 * - keepalive 1000 ms, deadtime 30000 ms (the Directives table and config_init_value);
 * - warntime unset ⇒ deadtime / 2;
 * - initdead unset ⇒ deadtime when deadtime > 10 s, else 12 s when deadtime < 6 s, else
 *   2 × deadtime;
 * - refused: deadtime ≤ 2 × keepalive ("Dead time [...] is too small compared to keeplive"),
 *   initdead < deadtime.
 *
 * Media: `ucast dev peer` lines send each heartbeat to every other node one by one, so N nodes
 * put N(N−1) packets on the wire per keepalive; `bcast` and `mcast` send one packet per node
 * that all peers receive, N per keepalive. Receptions are N(N−1) either way.
 */
export type HeartbeatMedium = 'ucast' | 'bcast' | 'mcast';

export interface HeartbeatConfig {
  readonly keepalive: Micros;
  readonly deadtime: Micros;
  readonly warntime: Micros;
  readonly initdead: Micros;
  readonly medium: HeartbeatMedium;
}

/** What ha.cf may leave out; the rest follows config.c's rules. */
export interface HeartbeatSettings {
  keepaliveMs?: number;
  deadtimeMs?: number;
  warntimeMs?: number;
  initdeadMs?: number;
  medium?: HeartbeatMedium;
}

/** config.c's compiled defaults. */
export const HEARTBEAT_KEEPALIVE_MS = 1000;
export const HEARTBEAT_DEADTIME_MS = 30000;

/** initdead when ha.cf does not set it (config.c). */
export function defaultInitdeadMs(deadtimeMs: number): number {
  if (deadtimeMs > 10000) return deadtimeMs;
  return deadtimeMs < 6000 ? 12000 : 2 * deadtimeMs;
}

/** Fills in defaults; throws with config.c's reason when the combination is refused. */
export function heartbeatConfig(s: HeartbeatSettings = {}): HeartbeatConfig {
  const keepaliveMs = s.keepaliveMs ?? HEARTBEAT_KEEPALIVE_MS;
  const deadtimeMs = s.deadtimeMs ?? HEARTBEAT_DEADTIME_MS;
  const warntimeMs = s.warntimeMs ?? deadtimeMs / 2;
  const initdeadMs = s.initdeadMs ?? defaultInitdeadMs(deadtimeMs);
  const issues = heartbeatIssues(keepaliveMs, deadtimeMs, initdeadMs);
  if (issues.length > 0) throw new RangeError(issues.join('; '));
  return {
    keepalive: ms(keepaliveMs),
    deadtime: ms(deadtimeMs),
    warntime: ms(warntimeMs),
    initdead: ms(initdeadMs),
    medium: s.medium ?? 'bcast',
  };
}

/** config.c's refusals, as messages. */
export function heartbeatIssues(
  keepaliveMs: number,
  deadtimeMs: number,
  initdeadMs: number,
): string[] {
  const out: string[] = [];
  if (!(keepaliveMs > 0)) out.push('keepalive must be positive');
  if (deadtimeMs <= 2 * keepaliveMs) {
    out.push(
      `deadtime ${deadtimeMs} ms is too small compared to keepalive ${keepaliveMs} ms (must exceed 2 ×)`,
    );
  }
  if (initdeadMs < deadtimeMs)
    out.push(`initdead ${initdeadMs} ms is smaller than deadtime ${deadtimeMs} ms`);
  return out;
}

/** Packets put on the wire per keepalive by `nodes` nodes. */
export function packetsPerKeepalive(nodes: number, medium: HeartbeatMedium): number {
  return medium === 'ucast' ? nodes * (nodes - 1) : nodes;
}

/** Heartbeat packets per second on the wire. */
export function packetsPerSecond(
  nodes: number,
  cfg: Pick<HeartbeatConfig, 'keepalive' | 'medium'>,
): number {
  return (packetsPerKeepalive(nodes, cfg.medium) * 1_000_000) / cfg.keepalive;
}
