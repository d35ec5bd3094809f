import { MigEvent } from '../engine/trace';

/** One step of a live migration in words, or null for steps the story leaves to the timeline. */
export function migrationLine(
  ev: number,
  vm: number,
  b: number,
  c: number,
  t: number,
  pausedAt: number,
): { key: string; text: string; tone?: 'problem' } | null {
  const v = `vm${vm}`;
  const ms = (us: number) => `${(us / 1e3).toFixed(1)} ms`;
  switch (ev) {
    case MigEvent.Requested:
      return {
        key: 'mig-requested',
        text:
          b === 1
            ? `A graceful shutdown asks the cluster manager to move ${v}: live migration requested.`
            : `Live migration of ${v} requested (xl migrate).`,
      };
    case MigEvent.StreamStart:
      return {
        key: 'mig-stream',
        text: `Pre-copy starts towards h${b}: round 1 sends every page while ${v} keeps running.`,
      };
    case MigEvent.Pause:
      return {
        key: 'mig-pause',
        text: `${v} stops on h${b} for the stop-and-copy round: its downtime begins (packets to it wait or are lost).`,
        tone: 'problem',
      };
    case MigEvent.DevicesPlugged:
      return {
        key: 'mig-plug',
        text: `h${b} has plugged ${v}'s virtual NIC (${ms(t - c)} with both copies paused) and says "ready".`,
      };
    case MigEvent.Resume:
      return {
        key: 'mig-resume',
        text: `${v} runs on h${b}${Number.isFinite(pausedAt) ? ` after ${ms(t - pausedAt)} of downtime` : ''}.`,
      };
    case MigEvent.ClientsFollow:
      return { key: 'mig-follow', text: `Clients follow ${v}'s gratuitous ARP to h${b}.` };
    case MigEvent.Interrupted:
      return {
        key: 'mig-interrupted',
        text:
          b === 1
            ? `The migration of ${v} is interrupted and the guest is lost with its source.`
            : `The migration of ${v} is interrupted; the source keeps running it.`,
        tone: 'problem',
      };
    default:
      return null;
  }
}
