// zod's mini API: the same validator, tree-shakable (the classic chained API pulled ~45 KB gzipped
// of zod into the page and as much into the worker; docs/adr/0024).
import * as z from 'zod/mini';
import { applyMigrationRules } from '../migration/rules';
import type { Field, NumberField } from './field';
import {
  FIELDS,
  SCENARIO_VERSION,
  defaultScenario,
  getPath,
  setPath,
  writePath,
  type Scenario,
} from './scenario';
import { failoverWarnings } from './failover-warnings';
import { workloadWarnings } from '../workloads/warnings';
import { applyTopologyRules } from './topology-rules';
import { checkpointDetectorWatches, isReplicated } from './topology';
import { migrate } from './migrate';
import { guestCores, placeVms } from '../host/placement';
import { enabledHosts } from '../host/host-slots';
import { vmsOnHost } from '../host/vms-on-host';
import { VM_SLOT_COUNT } from '../host/vm-params';
import { vslicerProblem } from '../host/vslicer-math';

/** What happened to one refused or adjusted value. */
export interface ScenarioIssue {
  readonly path: string;
  readonly message: string;
  /**
   * clamped: an out-of-range number was brought into range; defaulted: the value was refused and
   * the default kept; adjusted: a cross-field rule changed it; ignored: an unknown key; warning:
   * the value is kept but is likely a mistake (the lab will show its consequence).
   */
  readonly action: 'clamped' | 'defaulted' | 'adjusted' | 'ignored' | 'warning';
}

export interface ValidationResult {
  readonly scenario: Scenario;
  readonly issues: readonly ScenarioIssue[];
}

/** zod schema for one field, generated from the table (type and range). */
function fieldSchema(f: Field): z.ZodMiniType {
  switch (f.kind) {
    case 'bool':
      return z.boolean();
    case 'enum':
      return z.enum(f.options.map((o) => o.value) as [string, ...string[]]);
    case 'int':
      return z.int().check(z.gte(f.min), z.lte(f.max));
    case 'number':
      // z.number() refuses NaN and ±Infinity (zod 4).
      return z.number().check(z.gte(f.min), z.lte(f.max));
  }
}
const SCHEMAS = new Map(FIELDS.map((f) => [f.path, fieldSchema(f)]));

function fmtUnit(f: NumberField): string {
  return f.unit ? ` ${f.unit}` : '';
}

function describe(f: Field, value: unknown): string {
  if (f.kind === 'bool') return `expected true or false, got ${JSON.stringify(value)}`;
  if (f.kind === 'enum')
    return `expected one of ${f.options.map((o) => o.value).join(', ')}, got ${JSON.stringify(value)}`;
  if (typeof value === 'number' && !Number.isFinite(value))
    // JSON.parse reads 1e400 as Infinity; JSON.stringify would print it as "null".
    return `expected a finite number (${f.min}–${f.max}${fmtUnit(f)}), got ${String(value)}${Number.isNaN(value) ? '' : ' (a number too large for a double, such as 1e400, reads as Infinity)'}`;
  if (typeof value !== 'number')
    return `expected a number (${f.min}–${f.max}${fmtUnit(f)}), got ${String(JSON.stringify(value)).slice(0, 60)}`;
  if (f.kind === 'int' && !Number.isInteger(value)) return `expected a whole number, got ${value}`;
  return `${value}${fmtUnit(f)} is outside ${f.min}–${f.max}${fmtUnit(f)}`;
}

/**
 * Validates an untrusted object (a scenario file, a decoded URL, a panel edit) against the field
 * table. Never throws: every refused value is reported with its path and replaced (a number out of
 * range is clamped, anything else falls back to the default), so the rest of the scenario is kept.
 * Unknown keys are reported and ignored. Cross-field rules are applied last.
 */
export function validateScenario(input: unknown): ValidationResult {
  const issues: ScenarioIssue[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return {
      scenario: defaultScenario(),
      issues: [{ path: '', message: 'a scenario must be a JSON object', action: 'defaulted' }],
    };
  }
  const migrated = migrate(input as Record<string, unknown>, issues);
  let s = defaultScenario();
  // The fields are written into this fresh default in place; the rules below copy as before.
  const own = s as unknown as Record<string, unknown>;
  for (const f of FIELDS) {
    const raw = getPath(migrated, f.path);
    if (raw === undefined) continue;
    const ok = (SCHEMAS.get(f.path) as z.ZodMiniType).safeParse(raw);
    if (ok.success) {
      writePath(own, f.path, raw);
      continue;
    }
    if (f.kind !== 'bool' && f.kind !== 'enum' && typeof raw === 'number' && Number.isFinite(raw)) {
      const clamped = Math.min(f.max, Math.max(f.min, f.kind === 'int' ? Math.round(raw) : raw));
      issues.push({
        path: f.path,
        message: `${describe(f, raw)}; used ${clamped}${fmtUnit(f)}`,
        action: 'clamped',
      });
      writePath(own, f.path, clamped);
    } else {
      issues.push({
        path: f.path,
        message: `${describe(f, raw)}; kept the default ${String(f.default)}`,
        action: 'defaulted',
      });
    }
  }
  for (const path of unknownPaths(migrated)) {
    issues.push({ path, message: 'unknown field, ignored', action: 'ignored' });
  }
  s = applyCrossFieldRules(s, issues);
  return { scenario: s, issues };
}

/** Field paths, plus vm1's `enabled`: the VoIP VM is always present, so it has no field of its own. */
const KNOWN = new Set([...FIELDS.map((f) => f.path), 'vms.vm1.enabled']);
function unknownPaths(obj: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (path === 'version' || path === 'name') continue;
    if (KNOWN.has(path)) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      out.push(...unknownPaths(v as Record<string, unknown>, path));
    else out.push(path);
  }
  return out;
}

/** Rules that join two fields. Each adjustment is reported. */
function applyCrossFieldRules(s: Scenario, issues: ScenarioIssue[]): Scenario {
  const f = s.failure;
  if (f.deadMs <= 2 * f.keepaliveMs) {
    const dead = 2 * f.keepaliveMs + 10;
    issues.push({
      path: 'failure.deadMs',
      message: `Heartbeat dead time must exceed 2 × keepalive (${2 * f.keepaliveMs} ms); used ${dead} ms`,
      action: 'adjusted',
    });
    s = setPath(s, 'failure.deadMs', dead);
  }
  if (s.failure.warnMs >= s.failure.deadMs) {
    const warn = Math.max(10, Math.floor(s.failure.deadMs / 2));
    issues.push({
      path: 'failure.warnMs',
      message: `warn time must be below dead time; used ${warn} ms`,
      action: 'adjusted',
    });
    s = setPath(s, 'failure.warnMs', warn);
  }
  s = applyTopologyRules(s, issues);
  s = applyVmRules(s, issues);
  s = applyMigrationRules(s, issues);
  const r = s.replication;
  if (isReplicated(s) && checkpointDetectorWatches(s) && s.failure.detectMs <= r.intervalMs + 100) {
    issues.push({
      path: 'failure.detectMs',
      message: `the checkpoint-stream timeout (${s.failure.detectMs} ms) is not longer than the checkpoint interval (${r.intervalMs} ms) plus the checkpoint time: the backup will declare a healthy primary dead (false failover, split brain)`,
      action: 'warning',
    });
  }
  issues.push(...failoverWarnings(s));
  issues.push(...workloadWarnings(s));
  return s;
}

/** Pins must name a guest core; vSlicer must be possible on every core that has an LSVM. */
function applyVmRules(s: Scenario, issues: ScenarioIssue[]): Scenario {
  const cores = guestCores(s.host);
  s = setPath(s, 'vms.vm1.enabled', true);
  for (let k = 1; k <= VM_SLOT_COUNT; k++) {
    const vm = s.vms[`vm${k}`];
    if (!vm || (k > 1 && !vm.enabled) || vm.pin < 0 || cores.includes(vm.pin)) continue;
    issues.push({
      path: `vms.vm${k}.pin`,
      message: `core ${vm.pin} is not a guest core (guests use ${cores.join(', ')}${s.host.dom0OwnCore && s.host.cores >= 2 ? '; core 0 is dom0’s' : ''}); unpinned`,
      action: 'adjusted',
    });
    s = setPath(s, `vms.vm${k}.pin`, -1);
  }
  for (let k = 1; k <= VM_SLOT_COUNT; k++) {
    const vm = s.vms[`vm${k}`];
    if (vm && vm.slaMinMbps > vm.slaMbps) {
      issues.push({
        path: `vms.vm${k}.slaMinMbps`,
        message: `the guaranteed ${vm.slaMinMbps} Mb/s is above the SLA maximum ${vm.slaMbps} Mb/s; used ${vm.slaMbps} Mb/s`,
        action: 'adjusted',
      });
      s = setPath(s, `vms.vm${k}.slaMinMbps`, vm.slaMbps);
    }
  }
  if (s.host.rtdsBudgetMs > s.host.rtdsPeriodMs) {
    issues.push({
      path: 'host.rtdsBudgetMs',
      message: `an RTDS budget of ${s.host.rtdsBudgetMs} ms does not fit in a ${s.host.rtdsPeriodMs} ms period; used ${s.host.rtdsPeriodMs} ms`,
      action: 'adjusted',
    });
    s = setPath(s, 'host.rtdsBudgetMs', s.host.rtdsPeriodMs);
  }
  for (let k = 1; k <= VM_SLOT_COUNT; k++) {
    const vm = s.vms[`vm${k}`];
    if (!vm) continue;
    const period = vm.rtdsPeriodMs || s.host.rtdsPeriodMs;
    const budget = vm.rtdsBudgetMs || s.host.rtdsBudgetMs;
    if (budget > period) {
      issues.push({
        path: `vms.vm${k}.rtdsBudgetMs`,
        message: `vm${k}'s RTDS budget of ${budget} ms does not fit in its ${period} ms period; used ${period} ms`,
        action: 'adjusted',
      });
      s = setPath(s, `vms.vm${k}.rtdsBudgetMs`, period);
    }
  }
  if (s.host.dom0Cpupool && !(s.host.dom0OwnCore && s.host.cores >= 2)) {
    issues.push({
      path: 'host.dom0Cpupool',
      message:
        'a cpupool of its own for dom0 needs dom0 on its own core (and 2 or more cores); used one pool',
      action: 'adjusted',
    });
    s = setPath(s, 'host.dom0Cpupool', false);
  }
  if (s.host.scheduler === 'vslicer') {
    const problem = vslicerMixProblem(s);
    if (problem) {
      issues.push({
        path: 'host.scheduler',
        message: `${problem}; used the credit scheduler`,
        action: 'adjusted',
      });
      return setPath(s, 'host.scheduler', 'credit');
    }
    const k = s.host.lsvmSwitchVm;
    const slot = k > 0 ? s.vms[`vm${k}`] : undefined;
    if (k > 0 && (!slot || (k > 1 && !slot.enabled))) {
      issues.push({
        path: 'host.lsvmSwitchVm',
        message: `vm${k} is not on the host; no class change`,
        action: 'adjusted',
      });
      s = setPath(s, 'host.lsvmSwitchVm', 0);
    } else if (slot) {
      const after = vslicerMixProblem(setPath(s, `vms.vm${k}.lsvm`, !slot.lsvm));
      if (after) {
        issues.push({
          path: 'host.lsvmSwitchVm',
          message: `after vm${k} changes class, ${after}; no class change`,
          action: 'adjusted',
        });
        s = setPath(s, 'host.lsvmSwitchVm', 0);
      }
    }
  }
  return s;
}

/** Why vSlicer cannot run this mix of LSVMs and NLSVMs on some core, or null. */
function vslicerMixProblem(s: Scenario): string | null {
  // Each host runs its own set of VMs (ADR 16: placed there, per-host copies, offline replicas),
  // so the mix is checked host by host, as each host's scheduler will see it.
  for (const h of enabledHosts(s.hosts)) {
    const host = { ...s.host, cores: s.hosts[`h${h}`]?.cores || s.host.cores };
    const place = placeVms(host, vmsOnHost(s, h).vms);
    const dom0Shares = !(host.dom0OwnCore && host.cores >= 2);
    for (const core of new Set(place.map((p) => p.core))) {
      const here = place.filter((p) => p.core === core);
      const m = here.filter((p) => s.vms[`vm${p.slot}`]?.lsvm).length;
      const n = here.length - m + (dom0Shares && core === 0 ? 1 : 0);
      if (m === 0) continue;
      const problem = vslicerProblem(m, n, host.sliceMs * 1000, host.microSliceMs * 1000);
      if (problem)
        return `vSlicer is not possible on h${h}, core ${core} (${m} LSVM, ${n} NLSVM): ${problem}`;
    }
  }
  return null;
}

/** Strict variant for the CLI: throws with every issue when anything was refused. */
export function parseScenarioStrict(input: unknown): Scenario {
  const { scenario, issues } = validateScenario(input);
  if (issues.some((i) => i.action !== 'warning')) {
    throw new ScenarioError(issues);
  }
  return scenario;
}

/** Raised by the strict parser; its message names every refused field. */
export class ScenarioError extends Error {
  constructor(readonly issues: readonly ScenarioIssue[]) {
    super(issues.map((i) => `${i.path || '(scenario)'}: ${i.message}`).join('\n'));
    this.name = 'ScenarioError';
  }
}

export { SCENARIO_VERSION };
