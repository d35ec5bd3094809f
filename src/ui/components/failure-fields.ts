import type { Scenario } from '../../sim/scenario/scenario';

/**
 * Whether the parameter panel shows failure field `path` for scenario `s`: the two-node detector's
 * choice only under the pairwise manager — with Heartbeat or Pacemaker over all hosts their
 * membership decides (src/sim/cluster/service-vm.ts builds a ManagedFailover) and a "Remus
 * checkpoint stream" detector beside it would be read as in charge. Any other path is shown.
 */
export function failureFieldShown(s: Scenario, path: string): boolean {
  if (path === 'failure.detector') return s.cluster.manager === 'pairwise';
  return true;
}
