import type { ServiceVmSummary } from '../../sim/cluster/service-vm';

const PROTECTION: Record<ServiceVmSummary['protection'], string> = {
  none: 'unprotected',
  remus: 'Remus',
  standby: 'standby copy',
  restart: 'restart',
};

/**
 * A host as this VM sees it: its home host says so. Not "h2 (backup)": in a split deployment h2
 * is the media VM's home and the SIP VM's backup, so the lab's host names mislead on a VM's card.
 */
const host = (n: number, home: number): string => `h${n}${n === home ? ' (its home)' : ''}`;

/**
 * A card per service VM when the deployment has several (summary.services, each VM's own
 * report): where it runs at the end, its takeovers, since when it ran unprotected, and how long
 * two copies of it ran at once (split brain).
 */
export function ServiceCards({
  services,
  failedBack = [],
}: {
  services: readonly ServiceVmSummary[];
  /** VMs the cluster manager moved back to their home host (summary.cluster.failbacks). */
  failedBack?: readonly string[];
}) {
  if (services.length < 2) return null;
  return (
    <>
      {services.map((u) => {
        const facts = [
          `${u.takeovers} takeover${u.takeovers === 1 ? '' : 's'}`,
          u.unprotectedFromS !== null
            ? `unprotected since ${u.unprotectedFromS.toFixed(2)} s${u.reprotectedAtS !== null ? `, protected again ${u.reprotectedAtS.toFixed(2)} s` : ''}`
            : `${PROTECTION[u.protection]}`,
          u.twoActiveCopiesS > 0 ? `split brain ${u.twoActiveCopiesS.toFixed(2)} s` : null,
        ].filter((x): x is string => x !== null);
        return (
          <div key={u.vm} className="card service-card" data-testid={`card-service-${u.vm}`}>
            <div className="card-title">
              {u.vm} · {u.services.join(' + ') || 'no service'}
            </div>
            <div className="card-value">
              {u.activeHost === null ? 'down' : `on h${u.activeHost}`}
            </div>
            <div className="card-detail">
              {u.activeHost !== null
                ? u.activeHost !== u.homeHost
                  ? `moved from ${host(u.homeHost, u.homeHost)} to ${host(u.activeHost, u.homeHost)}; `
                  : failedBack.includes(u.vm)
                    ? `back on ${host(u.activeHost, u.homeHost)} (failback); `
                    : `on ${host(u.activeHost, u.homeHost)} throughout; `
                : ''}
              {facts.join('; ')}
            </div>
          </div>
        );
      })}
    </>
  );
}
