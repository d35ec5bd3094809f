import type { ScenarioIssue } from './validate';
import { SCENARIO_VERSION } from './scenario';

/**
 * Migrations from older scenario versions, oldest first. Each takes an object of version k and
 * returns one of version k+1, writing out any default that changed so old links keep their meaning.
 * - 0 → 1: the pre-release shape where `replication.interval` was in seconds.
 * - 1 → 2: `host.voipWeight`, `host.burners` and `host.burnerUtilPct` became per-VM slots
 *   (`vms.vm1` … `vms.vm8`); version 1 pinned the VoIP VM and its burners to one guest core.
 * - 2 → 3 (ADR 16): topology as data. `replication.enabled` became `vms.vm1.protection` (remus, or
 *   standby when off: v2 resumed a standby copy with empty state); `failure.crash` and
 *   `failure.atS` became failure slot f1 (a host crash of h1). Every v2 default is a v3 default.
 * - 3 → 4 (ADR 22 addendum): a TCP media stream (`workloads.wN.kind = stream-tcp`) follows
 *   `direction` like a UDP one; version 3 always streamed it from the VM whatever `direction`
 *   said (its default, `to-vm`, was ignored), so each such slot gets `direction: from-vm`.
 */
const MIGRATIONS: Record<number, (o: Record<string, unknown>) => Record<string, unknown>> = {
  0: (o) => {
    const rep = (o['replication'] ?? {}) as Record<string, unknown>;
    const { interval, ...rest } = rep;
    const out: Record<string, unknown> = { ...o, version: 1, replication: rest };
    if (typeof interval === 'number')
      (out['replication'] as Record<string, unknown>)['intervalMs'] = interval * 1000;
    return out;
  },
  1: (o) => {
    const host = { ...((o['host'] ?? {}) as Record<string, unknown>) };
    const { voipWeight, burners, burnerUtilPct, ...rest } = host;
    const cores = typeof rest['cores'] === 'number' ? rest['cores'] : 2;
    const ownCore = rest['dom0OwnCore'] !== false;
    const guestCore = ownCore && cores >= 2 ? 1 : 0;
    const vms: Record<string, Record<string, unknown>> = { vm1: { pin: guestCore } };
    if (typeof voipWeight === 'number')
      (vms['vm1'] as Record<string, unknown>)['weight'] = voipWeight;
    const n = typeof burners === 'number' ? Math.min(7, Math.max(0, Math.round(burners))) : 0;
    for (let i = 0; i < n; i++) {
      vms[`vm${i + 2}`] = {
        enabled: true,
        pin: guestCore,
        burnPct: typeof burnerUtilPct === 'number' ? burnerUtilPct : 40,
      };
    }
    return { ...o, version: 2, host: rest, vms };
  },
  2: (o) => {
    const rep = { ...((o['replication'] ?? {}) as Record<string, unknown>) };
    const fail = { ...((o['failure'] ?? {}) as Record<string, unknown>) };
    const { enabled, ...repRest } = rep;
    const { crash, atS, ...failRest } = fail;
    const vms = { ...((o['vms'] ?? {}) as Record<string, Record<string, unknown>>) };
    const vm1 = { ...(vms['vm1'] ?? {}) };
    // v2's VoIP VM was Remus-protected, or (replication off) a standby copy resumed with empty state.
    if (enabled !== undefined) vm1['protection'] = onOff(enabled, 'remus', 'standby');
    vms['vm1'] = vm1;
    const f1: Record<string, unknown> = {};
    if (crash !== undefined) f1['kind'] = onOff(crash, 'host-crash', 'none');
    if (atS !== undefined) f1['atS'] = atS;
    const out: Record<string, unknown> = {
      ...o,
      version: 3,
      replication: repRest,
      failure: failRest,
      vms,
    };
    if (Object.keys(f1).length > 0) out['failures'] = { f1 };
    return out;
  },
  3: (o) => {
    const slots = o['workloads'];
    if (typeof slots !== 'object' || slots === null) return { ...o, version: 4 };
    const workloads: Record<string, unknown> = {};
    for (const [name, w] of Object.entries(slots as Record<string, unknown>)) {
      const tcp =
        typeof w === 'object' &&
        w !== null &&
        (w as Record<string, unknown>)['kind'] === 'stream-tcp';
      workloads[name] = tcp ? { ...(w as Record<string, unknown>), direction: 'from-vm' } : w;
    }
    return { ...o, version: 4, workloads };
  },
};

/** A v2 switch (true/false, or 1/0 from a link) as its v3 value; anything else is left for validation to name. */
export function onOff(v: unknown, on: string, off: string): unknown {
  if (v === true || v === 1 || v === 'true' || v === '1') return on;
  if (v === false || v === 0 || v === 'false' || v === '0') return off;
  return v;
}

/** Brings `input` to the current version, reporting what could not be migrated. */
export function migrate(
  input: Record<string, unknown>,
  issues: ScenarioIssue[],
): Record<string, unknown> {
  const raw = input['version'];
  let v = raw === undefined ? SCENARIO_VERSION : Number(raw);
  if (!Number.isInteger(v) || v < 0) {
    // A number prints with String(): JSON.stringify would turn Infinity and NaN into "null".
    const said = typeof raw === 'number' ? String(raw) : String(JSON.stringify(raw)).slice(0, 40);
    issues.push({
      path: 'version',
      message: `version ${said} is not a version number (0–${SCENARIO_VERSION}); read as version ${SCENARIO_VERSION}`,
      action: 'defaulted',
    });
    v = SCENARIO_VERSION;
  }
  if (v > SCENARIO_VERSION) {
    issues.push({
      path: 'version',
      message: `version ${v} is newer than this lab (${SCENARIO_VERSION}); fields it does not know are ignored`,
      action: 'ignored',
    });
    return input;
  }
  let o = input;
  while (v < SCENARIO_VERSION) {
    const step = MIGRATIONS[v];
    if (!step) break;
    o = step(o);
    v++;
  }
  return o;
}
