import { useState } from 'react';
import { download, fileName } from '../export/download';
import { failureText } from './load-failure';
import { OKABE_ITO, vmColour, vmName } from '../theme';
import { useLab } from '../store/store';
import { laneChoice } from '../timeline/layout';

/** What the colours and marks in the lanes mean (shapes and words carry the meaning too). */
export function Legend() {
  // A failed export (its code did not load) is said beside the button.
  const [failed, setFailed] = useState('');
  const enabled = useLab((s) =>
    Object.entries(s.scenario.vms)
      .filter(([k, v]) => k === 'vm1' || v.enabled)
      .map(([k]) => Number(k.slice(2)))
      .join(','),
  );
  const vms = [0, ...enabled.split(',').map(Number)];
  const lsvms = useLab((s) =>
    s.scenario.host.scheduler === 'vslicer'
      ? Object.entries(s.scenario.vms)
          .filter(([, v]) => v.lsvm)
          .map(([k]) => Number(k.slice(2)))
          .join(',')
      : '',
  );
  // Only the marks the lanes on screen can show.
  const show = useLab((s) => laneChoice(s.scenario));
  const scheduler = useLab((s) => s.scenario.host.scheduler);
  const slots = useLab((s) => s.scenario.vms);
  const vslicer = scheduler === 'vslicer';
  const isLsvm = new Set(lsvms ? lsvms.split(',').map(Number) : []);
  const item = (colour: string, label: string, shape = 'box') => (
    <span className="legend-item" key={label}>
      <span className={`swatch ${shape}`} style={{ background: colour }} />
      {label}
    </span>
  );
  return (
    <div className="lane-legend" aria-label="Legend">
      {vms.map((v) =>
        item(vmColour(v), isLsvm.has(v) ? `${vmName(v, slots)} · LSVM` : vmName(v, slots)),
      )}
      {/* RTDS has no BOOST priority (Xen 4.17 sched/rt.c); credit and vSlicer do. */}
      {scheduler !== 'rtds' && item(OKABE_ITO.yellow, 'BOOST', 'thin')}
      {vslicer && item('#000', 'vSlicer micro-slice', 'thin')}
      {show.epochs && item(OKABE_ITO.vermillion, 'checkpoint pause')}
      {show.epochs && item(OKABE_ITO.sky, 'sending checkpoint')}
      {show.epochs && item(OKABE_ITO.black, 'ack', 'thin')}
      {show.buffer && item('rgba(0,114,178,0.55)', 'packets held')}
      {show.buffer && item(OKABE_ITO.orange, 'release burst', 'thin')}
      {show.migration && item(OKABE_ITO.sky, 'pre-copy round')}
      {show.migration && item(OKABE_ITO.vermillion, 'migration downtime')}
      {show.heartbeat && item(OKABE_ITO.green, 'heartbeat / checkpoint heard', 'thin')}
      {show.heartbeat && item(OKABE_ITO.vermillion, '✕ heartbeat missed', 'thin')}
      <button
        type="button"
        className="export-timeline"
        data-testid="export-timeline-png"
        onClick={(e) => {
          const wrap = document.querySelector('.timeline-wrap');
          if (!wrap) return;
          const legend = e.currentTarget.parentElement;
          setFailed('');
          // The image code loads on the first export.
          void import('../export/timeline-image')
            .then(({ timelinePng }) => timelinePng(wrap, legend))
            .then((b) => download(fileName('timeline', 'png'), b))
            .catch((err: unknown) => setFailed(failureText(err)));
        }}
      >
        Timeline as PNG
      </button>
      {failed && (
        <span role="status" className="export-failed">
          Export failed: {failed}
        </span>
      )}
    </div>
  );
}
