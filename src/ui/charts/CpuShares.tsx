import * as d3 from 'd3';
import type { RunSummary } from '../../sim/results/summary';
import { vmColour } from '../theme';

interface Props {
  readonly width: number;
  readonly summary: RunSummary;
}

const ROW = 30;

/** CPU share of each VM on the primary (fairness), with its context switches and burner progress. */
export function CpuShares({ width, summary }: Props) {
  const rows = summary.cpu.filter((c) => c.host === 'primary');
  const x = d3
    .scaleLinear()
    .domain([0, Math.max(30, ...rows.map((r) => r.sharePct))])
    .nice()
    .range([120, width - 230]);
  const h = rows.length * ROW + 30;
  return (
    <figure className="chart" data-testid="chart-cpu-shares">
      <figcaption>
        <strong>CPU share per VM</strong>{' '}
        <span className="unit">(% of one core, primary host)</span>
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
          return (
            <g key={r.vm} data-vm={r.vm} data-share={r.sharePct}>
              <text x={8} y={y + 18} className="bar-label">
                {r.vm === 'voip' ? 'vm1 (VoIP)' : r.vm}
                {r.lsvm ? ' · LSVM' : ''}
              </text>
              <rect
                x={x(0)}
                y={y + 4}
                width={Math.max(0, x(r.sharePct) - x(0))}
                height={ROW - 10}
                fill={vmColour(vmId)}
              />
              {r.burnerProgressPct < r.sharePct - 0.05 && r.vm !== 'dom0' && (
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
                {r.burnerProgressPct < r.sharePct - 0.05 && r.vm !== 'dom0'
                  ? ` · progress ${r.burnerProgressPct.toFixed(1)} %`
                  : ''}
              </text>
            </g>
          );
        })}
        <text x={8} y={h - 6} className="bar-note">
          {summary.scheduler.kind === 'vslicer' ? 'vSlicer' : 'credit'}:{' '}
          {summary.scheduler.switchesPerSecond.toFixed(1)} context switches per second in all
        </text>
      </svg>
    </figure>
  );
}
