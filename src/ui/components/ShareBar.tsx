import { useState } from 'react';
import { toCsv, flatten } from '../../sim/export/csv';
import { download } from '../export/download';
import { exportPcap } from '../export/pcap-export';
import { useLab } from '../store/store';
import { CopyLink } from './CopyLink';
import { OpenScenario } from './OpenScenario';

/**
 * Open a scenario file (or a results export), copy the link (the whole scenario is in it) and
 * export the results: JSON, CSV, pcap.
 */
export function ShareBar() {
  const exportJson = () => {
    const s = useLab.getState();
    const blob = new Blob(
      [
        JSON.stringify(
          {
            scenario: s.scenario,
            url: window.location.hash,
            traceHash: s.traceHash,
            summary: s.summary,
          },
          null,
          2,
        ),
      ],
      { type: 'application/json' },
    );
    // The shared helper: it revokes the object URL after the download has its data, not at once.
    download('voip-ha-lab-results.json', blob);
  };
  const [busy, setBusy] = useState('');
  const exportCsv = () => {
    const sum = useLab.getState().summary;
    if (!sum) return;
    download(
      'voip-ha-lab-summary.csv',
      new Blob([toCsv(['key', 'value'], flatten(sum))], { type: 'text/csv' }),
    );
  };
  const pcap = (point: 'client' | 'server') => {
    setBusy(point);
    exportPcap(useLab.getState().scenario, point)
      .catch((e: unknown) => window.alert(`The capture failed: ${(e as Error).message}`))
      .finally(() => setBusy(''));
  };
  return (
    <div className="share">
      <OpenScenario />
      <CopyLink />
      <button type="button" onClick={exportJson}>
        Export JSON
      </button>
      <details className="export-menu">
        <summary>More exports</summary>
        <div className="export-menu-items">
          <button type="button" onClick={exportCsv} data-testid="export-summary-csv">
            Summary as CSV
          </button>
          <button
            type="button"
            onClick={() => pcap('client')}
            disabled={busy !== ''}
            data-testid="export-pcap-client"
          >
            {busy === 'client' ? 'Capturing…' : 'pcap at the clients (Wireshark)'}
          </button>
          <button
            type="button"
            onClick={() => pcap('server')}
            disabled={busy !== ''}
            data-testid="export-pcap-server"
          >
            {busy === 'server' ? 'Capturing…' : 'pcap at the server’s NIC'}
          </button>
        </div>
      </details>
    </div>
  );
}
