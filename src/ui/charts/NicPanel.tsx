import { useShallow } from 'zustand/react/shallow';
import { DROP_PLACE_NAMES } from '../../sim/net/driver-domain';
import { useLab } from '../store/store';
import { useWidth } from '../timeline/use-width';
import { plotWidth } from '../timeline/layout';
import { SlaChart, type SlaSeries } from './SlaChart';
import { TimeChart } from './TimeChart';
import { decimate } from './decimate';
import { vmColour } from '../theme';

/** Bulk transmit through the driver domain: bit/s and pkt/s per VM with SLA lines, drops by place, ring occupancy. */
export function NicPanel() {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const { views, version, start, end, playhead, scenario, summary } = useLab(
    useShallow((s) => ({
      views: s.views,
      version: s.viewsVersion,
      start: s.viewStartUs,
      end: s.viewEndUs,
      playhead: s.playheadUs,
      scenario: s.scenario,
      summary: s.summary,
    })),
  );
  void version;
  // Which VMs send bulk traffic comes from the scenario, not from the data received so far: a new
  // run starts empty, and unmounting the charts mid-drag would cut the gesture off.
  const vms = Object.entries(scenario.vms)
    .filter(([k, v]) => (k === 'vm1' || v.enabled) && v.txMbps > 0)
    .map(([k]) => Number(k.slice(2)))
    .sort((a, b) => a - b);
  if (vms.length === 0) return null;
  /** Every chart here shows the same window of the shared time axis. */
  const win = { width, t0: start, t1: end, until: playhead };
  const series = (kind: 'mbps' | 'kpps'): SlaSeries[] =>
    vms.map((vm) => {
      const n = views.nic.get(vm) ?? { t: [], mbps: [], kpps: [], ring: [] };
      const d = views.dba.get(vm) ?? { t: [], mbps: [], kpps: [] };
      const slot = scenario.vms[`vm${vm}`];
      return {
        vm,
        t: n.t,
        values: n[kind],
        allocT: d.t,
        alloc: d[kind],
        slaPath: `vms.vm${vm}.${kind === 'mbps' ? 'slaMbps' : 'slaKpps'}`,
        sla: (kind === 'mbps' ? slot?.slaMbps : slot?.slaKpps) ?? 0,
      };
    });
  return (
    <section
      ref={wrapRef}
      className="nic-panel"
      aria-label="Driver domain and NIC transmit"
      data-testid="nic-panel"
    >
      <SlaChart
        title="Throughput per VM (on the wire)"
        unit="Mb/s"
        {...win}
        series={series('mbps')}
        testId="chart-nic-mbps"
      />
      <SlaChart
        title="Packet rate per VM"
        unit="kpkt/s"
        {...win}
        series={series('kpps')}
        testId="chart-nic-kpps"
      />
      <TimeChart
        title="Netfront TX ring occupancy"
        unit="slots of 256, end of each 100 ms"
        {...win}
        height={140}
        testId="chart-nic-ring"
        series={vms.map((vm) => {
          const n = views.nic.get(vm);
          return {
            kind: 'line' as const,
            label: `vm${vm}`,
            colour: vmColour(vm),
            points: n ? decimate(n.t, n.ring, start, end, playhead, plotWidth(width)) : [],
          };
        })}
      />
      {summary?.nic && (
        // Scrolls inside its own keyboard-focusable region on a narrow screen, not the page.
        <div className="table-scroll" tabIndex={0} role="region" aria-label="NIC results table">
          <table className="nic-table" data-testid="nic-table">
            <caption>
              {summary.nic.policy === 'dba'
                ? 'DBA-VM'
                : summary.nic.policy === 'tc'
                  ? 'tc'
                  : 'No transmit control'}
              : {summary.nic.totalKpps.toFixed(1)} kpkt/s, {summary.nic.totalMbps.toFixed(0)} Mb/s
              in all; memory bus {summary.nic.memoryBusyPct.toFixed(0)} % busy, driver-domain CPU{' '}
              {summary.nic.dom0CpuPct.toFixed(0)} % (after 1 s of warm-up)
            </caption>
            <thead>
              <tr>
                <th scope="col">VM</th>
                <th scope="col">Sent Mb/s</th>
                <th scope="col">kpkt/s</th>
                <th scope="col">Allocated</th>
                {DROP_PLACE_NAMES.slice(1).map((p) => (
                  <th key={p} scope="col">
                    Drops: {p}
                  </th>
                ))}
                <th scope="col">TX ring</th>
              </tr>
            </thead>
            <tbody>
              {summary.nic.vms.map((v) => {
                const ring = views.nic.get(Number(v.vm.slice(2)))?.ring;
                return (
                  <tr
                    key={v.vm}
                    data-vm={v.vm}
                    data-sent-mbps={v.sentMbps}
                    data-alloc-mbps={v.allocMbps ?? ''}
                  >
                    <th scope="row">{v.vm}</th>
                    <td>{v.sentMbps.toFixed(1)}</td>
                    <td>{v.sentKpps.toFixed(1)}</td>
                    <td>
                      {v.allocMbps === null
                        ? '—'
                        : `${v.allocMbps.toFixed(0)} Mb/s, ${(v.allocKpps ?? 0).toFixed(0)} kpkt/s`}
                    </td>
                    {DROP_PLACE_NAMES.slice(1).map((p) => (
                      <td key={p}>{(v.drops[p] ?? 0).toLocaleString()}</td>
                    ))}
                    <td>{ring && ring.length ? `${ring[ring.length - 1]}/256` : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
