import { TopoEvent } from '../engine/trace';

/**
 * A deployment event (a Topo record) in words, or null for those the story leaves to the map.
 * `crashAt`: the primary's crash, which its Hb record already told at the same µs.
 */
export function topologyLine(
  ev: number,
  e: number,
  b: number,
  c: number,
  t: number,
  crashAt: number,
): { key: string; text: string; tone?: 'problem' } | null {
  switch (ev) {
    case TopoEvent.HostDown:
      // A host other than the primary (whose crash the Hb record told just before, same µs).
      if (t === crashAt) return null;
      return {
        key: `down-${e}@${t}`,
        text: `Host h${e} goes down: the VMs on it are gone.`,
        tone: 'problem',
      };
    case TopoEvent.Unprotected:
      return {
        key: `unprotected-${e}`,
        text: `vm${e} runs unprotected on h${b}: Remus gave its backup up (no acknowledgement in time) and releases its output without one.`,
        tone: 'problem',
      };
    case TopoEvent.HostUp:
      return {
        key: `up-${e}@${t}`,
        text: `Host h${e} is repaired and back up; VMs that failed over from it run on elsewhere unless a failback brings them home.`,
      };
    case TopoEvent.LinkDown:
      return {
        key: `cut-${e}@${t}`,
        text:
          b === 1
            ? `Host h${e} is cut off from the other hosts (a partition): the cluster stops hearing it, its clients still reach it.`
            : `vm${e}'s replication link fails: its checkpoints and heartbeats stop reaching the backup, its clients still reach it.`,
        tone: 'problem',
      };
    case TopoEvent.LinkUp:
      return {
        key: `heal-${e}@${t}`,
        text:
          b === 1
            ? `Host h${e} can reach the other hosts again (the partition heals).`
            : `vm${e}'s replication link is back.`,
      };
    case TopoEvent.Protected:
      return {
        key: `protected-${e}@${t}`,
        text: `vm${e} is protected again: the resynchronisation is done and Remus checkpoints to h${b}.`,
      };
    case TopoEvent.SplitBrain:
      return {
        key: `split-${e}`,
        text: `Two active copies of vm${e} run, on h${b} and h${c} (split brain).`,
        tone: 'problem',
      };
    default:
      return null;
  }
}

/**
 * A cluster manager's view shrinking on `nodes` (hosts) to `members`: a peer declared dead, or
 * none heard at all; `since`: the disruption it follows, to say how long after it.
 */
export function membershipText(
  nodes: readonly number[],
  members: number,
  quorate: boolean,
  since: { at: number; what: string; t: number } | null,
): string {
  const on = nodes.map((n) => `h${n}`).join(' and ');
  const many = nodes.length > 1;
  const quorum = quorate ? '' : ', without quorum';
  const after = since ? `, ${((since.t - since.at) / 1e3).toFixed(0)} ms after ${since.what}` : '';
  return members === 1
    ? `The cluster manager on ${on} hears no peer: ${many ? 'each view is' : 'its view is'} down to itself${quorum}${after}.`
    : `The cluster manager on ${on} ${many ? 'declare' : 'declares'} a peer dead: ${many ? 'each view is' : 'its view is'} down to ${members} nodes${quorum}${after}.`;
}
