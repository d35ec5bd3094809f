import type { ArrowModel, ClusterState, VmAt, VmState } from './model';

const STATE_TEXT: Record<VmState, string> = {
  running: 'running',
  paused: 'paused',
  down: 'down (its host is down)',
  replica: 'replica, paused until takeover',
};

const sec = (us: number): string => `${(us / 1e6).toFixed(2)} s`;

const hostLabel = (st: ClusterState, id: string): string =>
  st.hosts.find((h) => h.id === id)?.label ?? id;

/** One VM copy in words (its focus text). */
export function describeVm(st: ClusterState, v: VmAt): string {
  const services = v.services.length ? `; services: ${v.services.join(', ')}` : '';
  const state =
    v.role === 'standby' && v.state === 'paused'
      ? 'standby copy, paused and without state until it is started'
      : STATE_TEXT[v.state];
  return `${v.label} on the ${hostLabel(st, v.host)} host: ${state}${services}`;
}

/** One arrow in words. */
export function describeArrow(st: ClusterState, a: ArrowModel): string {
  const what = a.kind === 'replication' ? 'Remus checkpoints' : 'live migration';
  return `${what} of ${a.vm} from the ${hostLabel(st, a.fromHost)} host to the ${hostLabel(st, a.toHost)} host`;
}

/** One host and what it holds, in words. */
export function describeHost(st: ClusterState, id: string): string {
  const h = st.hosts.find((x) => x.id === id);
  if (!h) return id;
  const vms = st.vms.filter((v) => v.host === id);
  const list = vms.length
    ? vms.map((v) => `${v.label} ${v.state === 'down' ? 'down' : v.state}`).join(', ')
    : 'no VMs';
  return `${h.label} host: ${h.up ? 'up' : 'down'}. ${list}.`;
}

/**
 * The picture in sentences for a screen reader: hosts, where the service VMs are, arrows and the
 * latest event. Without the time, so a live region speaks only when the picture changes. A checkpoint pause (a few ms every epoch) is not news: the
 * summary says "running" for it so the text does not flicker with every checkpoint.
 */
export function describeCluster(st: ClusterState): string {
  const parts: string[] = [];
  parts.push(st.hosts.map((h) => `${h.label} host ${h.up ? 'up' : 'down'}`).join(', ') + '.');
  const withServices = st.vms.filter((v) => v.services.some((s) => !s.startsWith('CPU burner')));
  for (const v of withServices) {
    const state =
      v.state === 'paused' && v.role === 'standby'
        ? 'standby'
        : v.state === 'paused' && v.role === 'active' && !st.migrating
          ? 'running'
          : v.state;
    parts.push(`${v.label} ${state} on the ${hostLabel(st, v.host)} host.`);
  }
  for (const a of st.arrows) parts.push(`${describeArrow(st, a)}.`);
  const last = st.events.at(-1);
  if (last) parts.push(`Last event: ${last.text} at ${sec(last.t)}.`);
  return parts.join(' ');
}
