import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/store';
import { useView } from '../store/view-flags';
import { useWidth } from '../timeline/use-width';
import { OKABE_ITO } from '../theme';
import { describeArrow, describeCluster, describeHost, describeVm } from './describe';
import { farArrows, layoutMap, mapMetrics, rowsNeeded, type VmBox } from './layout';
import { clusterModel, clusterStateAt, type VmState } from './model';
import { OutageBars } from './OutageBars';

/** Fill, border and dash of a VM box per state: the state is also written in the box. */
const VM_STYLE: Record<VmState, { fill: string; stroke: string; dash?: string }> = {
  running: { fill: '#e0f3ec', stroke: OKABE_ITO.green },
  paused: { fill: '#fbf7cf', stroke: '#7a6f00', dash: '2 3' },
  replica: { fill: '#e3f1fb', stroke: OKABE_ITO.blue, dash: '6 4' },
  down: { fill: '#e6e6e6', stroke: '#555' },
};

const STATE_WORD: Record<VmState, string> = {
  running: 'running',
  paused: 'paused',
  replica: 'replica',
  down: 'DOWN',
};

/**
 * The cluster map: hosts as boxes with their VMs inside, Remus and migration arrows, down hosts
 * crossed out. It draws the picture at the playback time, and a VM that moves (takeover,
 * migration) slides to its new host (a CSS transition; none under prefers-reduced-motion).
 */
export function ClusterMap() {
  const [wrapRef, width] = useWidth<HTMLElement>();
  const projector = useView((v) => v.projector);
  const { views, version, playhead, scenario } = useLab(
    useShallow((s) => ({
      views: s.views,
      version: s.viewsVersion,
      playhead: s.playheadUs,
      scenario: s.scenario,
    })),
  );
  const model = useMemo(
    () => clusterModel(scenario, views),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- views mutate in place; version says when
    [scenario, views, version],
  );
  const st = clusterStateAt(model, playhead);
  const metrics = mapMetrics(projector ? 16 : 13);
  const mapWidth = Math.max(300, width - 2);
  const lay = layoutMap(
    st,
    rowsNeeded(model),
    mapWidth,
    metrics,
    farArrows(model, mapWidth, metrics),
  );
  const summary = describeCluster(st);
  const f = metrics.font;
  /** The cross over a down host starts under its label. */
  const top = metrics.header - 4;
  return (
    <section ref={wrapRef} className="cluster-map" aria-labelledby="cluster-map-title">
      <h2 id="cluster-map-title" className="cluster-map-title">
        Cluster at {(playhead / 1e6).toFixed(2)} s
        {st.events.length > 0 && (
          <span className="cluster-map-event"> · {st.events.at(-1)?.text}</span>
        )}
      </h2>
      <svg
        width={lay.width}
        height={lay.height + 2}
        className="cluster-map-svg"
        data-testid="cluster-map"
        style={{ fontSize: f }}
      >
        <defs>
          <marker
            id="cm-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" fill={OKABE_ITO.blue} />
          </marker>
          <marker
            id="cm-arrow-mig"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" fill={OKABE_ITO.vermillion} />
          </marker>
        </defs>
        {lay.hosts.map((h) => (
          <g
            key={h.id}
            className={`cm-host${h.up ? '' : ' cm-host-down'}`}
            data-testid={`cm-host-${h.id}`}
            data-up={h.up}
            tabIndex={0}
            role="group"
            aria-label={describeHost(st, h.id)}
          >
            <rect
              x={h.x + 1}
              y={h.y + 1}
              width={h.w - 2}
              height={h.h - 2}
              rx={6}
              fill={h.up ? '#f6f7f9' : '#d9d9d9'}
              stroke={h.up ? '#333' : '#555'}
              strokeWidth={2}
            />
            <text x={h.x + metrics.pad} y={h.y + metrics.header * 0.62} className="cm-host-label">
              {h.label} host
              <tspan className={h.up ? 'cm-up' : 'cm-down'} dx={f * 0.6}>
                {h.up ? 'up' : '✕ DOWN'}
              </tspan>
            </text>
            {!h.up && (
              <g className="cm-cross" aria-hidden="true">
                <line x1={h.x + 4} y1={h.y + top} x2={h.x + h.w - 4} y2={h.y + h.h - 4} />
                <line x1={h.x + h.w - 4} y1={h.y + top} x2={h.x + 4} y2={h.y + h.h - 4} />
              </g>
            )}
          </g>
        ))}
        {lay.vms.map((v) => (
          <VmNode
            key={v.key}
            v={v}
            font={f}
            label={`${describeVm(st, v)}${v.twin ? '. Another active copy runs elsewhere (split brain)' : ''}`}
          />
        ))}
        {lay.arrows.map((a) => (
          <g
            key={`${a.kind}-${a.vm}`}
            className={`cm-arrow cm-arrow-${a.kind}`}
            data-testid={`cm-arrow-${a.kind}`}
            role="img"
            aria-label={describeArrow(st, a)}
          >
            <path
              d={a.d}
              fill="none"
              stroke={a.kind === 'replication' ? OKABE_ITO.blue : OKABE_ITO.vermillion}
              strokeWidth={3}
              strokeDasharray={a.kind === 'migration' ? '8 5' : undefined}
              markerEnd={`url(#${a.kind === 'replication' ? 'cm-arrow' : 'cm-arrow-mig'})`}
            />
            <text x={a.lx} y={a.ly} textAnchor="middle" className="cm-arrow-label">
              {a.kind === 'replication' ? 'Remus' : 'migrate'}
            </text>
          </g>
        ))}
      </svg>
      <p className="visually-hidden" aria-live="polite" data-testid="cluster-map-summary">
        {summary}
      </p>
      <OutageBars />
    </section>
  );
}

/** One VM copy: a box with its name, state and services; it slides when its host changes. */
function VmNode({ v, font, label }: { v: VmBox; font: number; label: string }) {
  const s = VM_STYLE[v.state];
  return (
    <g
      className={`cm-vm cm-vm-${v.state}`}
      style={{ transform: `translate(${v.x}px, ${v.y}px)` }}
      data-testid={`cm-vm-${v.key}`}
      data-host={v.host}
      data-state={v.state}
      data-twin={v.twin}
      tabIndex={0}
      role="img"
      aria-label={label}
    >
      <rect
        width={v.w}
        height={v.h}
        rx={4}
        fill={s.fill}
        stroke={s.stroke}
        strokeWidth={2}
        strokeDasharray={s.dash}
      />
      <text x={font * 0.5} y={font * 1.25} className="cm-vm-label">
        {v.label}
        <tspan dx={font * 0.6} className="cm-vm-state">
          {v.role === 'standby' && v.state === 'paused' ? 'standby' : STATE_WORD[v.state]}
        </tspan>
        {v.twin && (
          <tspan dx={font * 0.6} className="cm-vm-twin">
            ⚠ split brain
          </tspan>
        )}
      </text>
      <text x={font * 0.5} y={font * 2.55} className="cm-vm-services">
        {clip(v.services.join(' · ') || 'no services', v.w / (font * 0.55))}
      </text>
    </g>
  );
}

/** Cuts a line to about `chars` characters. */
function clip(text: string, chars: number): string {
  const n = Math.max(4, Math.floor(chars));
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}
