import { hostLabel } from '../sim/scenario/topology';

/**
 * Host n's name on the map and the timeline: h1 and h2 keep the classic pair's role names
 * (Primary, Backup, as the summaries call them); h3 and h4 are named as the scenario names them
 * (a capitalised "H3 host" read as a different thing from the h3 of the deployment table).
 */
export function hostName(n: number): string {
  const l = hostLabel(n);
  return n <= 2 ? l.charAt(0).toUpperCase() + l.slice(1) : l;
}
