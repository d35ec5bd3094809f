import { useShallow } from 'zustand/react/shallow';
import { previousPing } from '../store/ping-history';
import { useLab } from '../store/store';
import { schedulerLabel } from '../store/worker-client';
import { useWidth } from '../timeline/use-width';
import { CpuShares } from './CpuShares';
import { CDF_COLOURS, RttCdf } from './RttCdf';

/** Scheduling results: the RTT CDF (with the previous run for comparison) and CPU shares. */
export function SchedulingPanel() {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const { views, version, playhead, scenario, summary } = useLab(
    useShallow((s) => ({
      views: s.views,
      version: s.viewsVersion,
      playhead: s.playheadUs,
      scenario: s.scenario,
      summary: s.summary,
    })),
  );
  void version;
  const guests = Object.entries(scenario.vms).filter(([k, v]) => k === 'vm1' || v.enabled).length;
  if (!scenario.ping.enabled && guests < 2) return null;
  const upTo = views.ping.t.findIndex((t) => t > playhead);
  const rtts = upTo < 0 ? views.ping.rttMs : views.ping.rttMs.slice(0, upTo);
  const prev = previousPing();
  const half = width > 1100 ? Math.floor(width / 2) - 10 : width;
  return (
    <section ref={wrapRef} className="scheduling" aria-label="Scheduling results">
      <div className="side-by-side">
        {scenario.ping.enabled && (
          <RttCdf
            width={half}
            current={{
              label: schedulerLabel(scenario),
              rttMs: rtts,
              colour: CDF_COLOURS.current,
              dashed: false,
            }}
            previous={
              prev
                ? {
                    label: prev.label,
                    rttMs: prev.rttMs,
                    colour: CDF_COLOURS.previous,
                    dashed: true,
                  }
                : null
            }
          />
        )}
        {summary &&
          summary.cpu.some((c) => c.host === 'primary' && c.vm !== 'dom0' && c.sharePct > 0) && (
            <CpuShares width={half} summary={summary} />
          )}
      </div>
    </section>
  );
}
