import { OKABE_ITO, vmColour, vmName } from '../theme';
import { useLab } from '../store/store';

/** What the colours and marks in the lanes mean (shapes and words carry the meaning too). */
export function Legend() {
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
  const isLsvm = new Set(lsvms ? lsvms.split(',').map(Number) : []);
  const item = (colour: string, label: string, shape = 'box') => (
    <span className="legend-item" key={label}>
      <span className={`swatch ${shape}`} style={{ background: colour }} />
      {label}
    </span>
  );
  return (
    <div className="lane-legend" aria-label="Legend">
      {vms.map((v) => item(vmColour(v), isLsvm.has(v) ? `${vmName(v)} · LSVM` : vmName(v)))}
      {item(OKABE_ITO.yellow, 'BOOST', 'thin')}
      {item('#000', 'vSlicer micro-slice', 'thin')}
      {item(OKABE_ITO.vermillion, 'checkpoint pause')}
      {item(OKABE_ITO.sky, 'sending checkpoint')}
      {item(OKABE_ITO.black, 'ack', 'thin')}
      {item('rgba(0,114,178,0.55)', 'packets held')}
      {item(OKABE_ITO.orange, 'release burst', 'thin')}
      {item(OKABE_ITO.green, 'heartbeat / checkpoint heard', 'thin')}
      {item(OKABE_ITO.vermillion, '✕ heartbeat missed', 'thin')}
    </div>
  );
}
