import type { ServiceVmSummary } from '../cluster/service-vm';

const s3 = (s: number): string => s.toFixed(3);

/**
 * What the deployment's own mechanisms did that a reader must not miss (ADR 16): a service VM
 * that ran unprotected after its backup was lost, two active copies at once (split brain), and a
 * service that is down at the end of the run.
 */
export function deploymentWarnings(services: readonly ServiceVmSummary[], endS: number): string[] {
  const out: string[] = [];
  for (const u of services) {
    const what = `${u.vm} (${u.services.join(' + ') || 'no service'})`;
    if (u.unprotectedFromS !== null)
      out.push(
        `${what} ran unprotected from ${s3(u.unprotectedFromS)} s: its Remus primary lost the backup (backup host down, partition or replication link cut) and released its buffered output${u.reprotectedAtS !== null ? `; protected again from ${s3(u.reprotectedAtS)} s after a full resynchronisation` : ' and was not protected again'}.`,
      );
    if (u.twoActiveCopiesS > 0)
      out.push(
        `Split brain: two active copies of ${what} ran for ${s3(u.twoActiveCopiesS)} s (the backup took over while the old copy still ran; fencing would have powered the old host off first).`,
      );
    if (u.activeHost === null)
      out.push(
        `${what} is down at the end of the run (${s3(endS)} s)${u.protection === 'remus' ? ': Remus protects against host failures; a crashed guest is replicated as it is' : u.protection === 'none' ? ': nothing protects it' : ''}.`,
      );
  }
  return out;
}
