import type { KeyboardEvent } from 'react';
import type { Lane } from './layout';
import { useHostFold } from './host-fold';

/**
 * Host headers on the timeline: one per host, across the whole width; a click, Enter or Space
 * folds that host's CPU lanes under it or unfolds them.
 */
export function HostHeaders({
  lanes,
  width,
  idPrefix = '',
}: {
  lanes: readonly Lane[];
  width: number;
  /** Test-id prefix for the baseline's headers (they fold the same hosts). */
  idPrefix?: string;
}) {
  const folded = useHostFold((s) => s.folded);
  const toggle = useHostFold((s) => s.toggle);
  return (
    <>
      {lanes
        .filter((l) => l.kind === 'host')
        .map((l) => {
          const open = !folded.has(l.key);
          const onKey = (e: KeyboardEvent) => {
            if (e.key !== 'Enter' && e.key !== ' ') return;
            // Space would also start playback, and the timeline's own keys must not see it.
            e.preventDefault();
            e.stopPropagation();
            toggle(l.key);
          };
          return (
            <g
              key={l.key}
              className="host-header"
              role="button"
              tabIndex={0}
              aria-expanded={open}
              aria-label={`${l.label}: ${l.sublabel}. ${open ? 'Fold' : 'Unfold'} its lanes.`}
              data-testid={`${idPrefix}host-header-${l.key}`}
              onClick={() => toggle(l.key)}
              onKeyDown={onKey}
            >
              <rect x={2} y={l.y} width={Math.max(0, width - 4)} height={l.height} rx={3} />
              <text x={8} y={l.y + l.height / 2} dominantBaseline="central">
                {open ? '▾' : '▸'} {l.label}
                <tspan className="host-header-sub" dx={8}>
                  {l.sublabel}
                </tspan>
              </text>
            </g>
          );
        })}
    </>
  );
}
