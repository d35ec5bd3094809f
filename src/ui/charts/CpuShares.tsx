import { useRef } from 'react';
import { ExportButtons } from '../export/ExportButtons';
import { toCsv } from '../../sim/export/csv';
import * as d3 from 'd3';
import type { RunSummary } from '../../sim/results/summary';
import { vmColour, vmName } from '../theme';
import { useLab } from '../store/store';
import { entitledPct } from './entitled-share';

interface Props {
  readonly width: number;
  readonly summary: RunSummary;
}

const ROW = 30;

/** CPU share of each VM on the primary (fairness), with its context switches and burner progress. */
export function CpuShares({ width, summary }: Props) {
  const slots = useLab((s) => s.scenario.vms);
  const slotOf = (vm: string) => slots[vm === 'voip' ? 'vm1' : vm];
  // A VM placed on another host that never ran here is not the primary's (r6-split's vm2 read 0.0 %).
  const rows = summary.cpu.filter((c) => {
    if (c.host !== 'primary') return false;
    const home = slotOf(c.vm)?.host ?? 0;
    return c.vm === 'dom0' || home === 0 || home === 1 || c.sharePct > 0;
  });
  /** Only a VM with a CPU burner has burner progress to show. */
  const burns = (vm: string) => vm !== 'dom0' && (slotOf(vm)?.burnPct ?? 0) > 0;
  const figRef = useRef<HTMLElement>(null);
  const kind = summary.scheduler.kind;
  const marks = rows.map((r) => entitledPct(r, rows, kind));
  const x = d3
    .scaleLinear()
    .domain([0, Math.max(30, ...rows.map((r) => r.sharePct), ...marks.map((m) => m ?? 0))])
    .nice()
    .range([120, width - 230]);
  const h = rows.length * ROW + 30;
  // Far from the marks under credit: say why (pool-wide credits, the −300 floor, the +300 halving).
  const missesWeights =
    kind === 'credit' &&
    rows.some((r, i) => {
      const e = marks[i];
      return e != null && r.burnerProgressPct > 0 && Math.abs(r.sharePct - e) > 5;
    });
  return (
    <figure ref={figRef} className="chart" data-testid="chart-cpu-shares">
      <figcaption>
        <strong>CPU share per VM</strong>{' '}
        <span className="unit">(% of one core, primary host)</span>
        <br />
        <span className="unit">
          ┃ marks the share its{' '}
          {kind === 'vslicer' ? 'class' : kind === 'rtds' ? 'budget' : 'weight'} entitles a VM to
          when every VM on its core is busy
        </span>
        <ExportButtons
          figure={figRef}
          name="CPU share per VM"
          csv={() =>
            toCsv(
              ['host', 'vm', 'share_pct', 'switches', 'weight', 'core', 'lsvm'],
              rows.map((r) => [r.host, r.vm, r.sharePct, r.switches, r.weight, r.core, r.lsvm]),
            )
          }
        />
      </figcaption>
      <svg
        width={width}
        height={h}
        role="img"
        aria-label="CPU share, context switches and burner progress of each VM"
      >
        {rows.map((r, i) => {
          const vmId = r.vm === 'dom0' ? 0 : r.vm === 'voip' ? 1 : Number(r.vm.slice(2));
          const y = i * ROW + 4;
          const entitled = marks[i] ?? null;
          return (
            <g key={r.vm} data-vm={r.vm} data-share={r.sharePct}>
              <text x={8} y={y + 18} className="bar-label">
                {r.vm === 'dom0' ? r.vm : vmName(vmId, slots)}
                {r.lsvm ? ' · LSVM' : ''}
              </text>
              <rect
                x={x(0)}
                y={y + 4}
                width={Math.max(0, x(r.sharePct) - x(0))}
                height={ROW - 10}
                fill={vmColour(vmId)}
              />
              {entitled !== null && (
                <line
                  className="entitled-mark"
                  data-entitled={entitled.toFixed(1)}
                  x1={x(entitled)}
                  x2={x(entitled)}
                  y1={y}
                  y2={y + ROW - 2}
                  stroke="#000"
                  strokeWidth={3}
                >
                  <title>
                    entitled {entitled.toFixed(1)} % (weight {r.weight}, core {r.core})
                  </title>
                </line>
              )}
              {r.burnerProgressPct < r.sharePct - 0.05 && burns(r.vm) && (
                <rect
                  x={x(0)}
                  y={y + ROW - 9}
                  width={Math.max(0, x(r.burnerProgressPct) - x(0))}
                  height={3}
                  fill="#000"
                >
                  <title>burner progress {r.burnerProgressPct} %</title>
                </rect>
              )}
              <text x={x(r.sharePct) + 6} y={y + 18} className="bar-value">
                {r.sharePct.toFixed(1)} % · {r.switches.toLocaleString()} switches
                {r.burnerProgressPct < r.sharePct - 0.05 && burns(r.vm)
                  ? ` · progress ${r.burnerProgressPct.toFixed(1)} %`
                  : ''}
              </text>
            </g>
          );
        })}
        <text x={8} y={h - 6} className="bar-note">
          {{ vslicer: 'vSlicer', rtds: 'RTDS' }[summary.scheduler.kind] ?? 'credit'}:{' '}
          {summary.scheduler.switchesPerSecond.toFixed(1)} context switches per second in all
        </text>
      </svg>
      {missesWeights && (
        <p className="chart-note" data-testid="weights-note">
          Shares miss the weights: credit1 shares its credits pool-wide (300 per pCPU every 30 ms),
          so guests pinned to one core while another core of the pool idles stay UNDER and take
          equal turns (try “dom0’s core in a cpupool of its own” under Host &amp; CPU scheduling);
          on a full pool, skewed weights lose out to the −300 floor and the +300 halving.
        </p>
      )}
    </figure>
  );
}
