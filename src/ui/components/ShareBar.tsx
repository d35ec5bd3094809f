import { useState } from 'react';
import { useLab } from '../store/store';

/** Copy the link (the whole scenario is in it) and export the results as JSON. */
export function ShareBar() {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      window.prompt('Copy this link', window.location.href);
    }
  };
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
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'voip-ha-lab-results.json';
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <div className="share">
      <button type="button" onClick={() => void copy()}>
        {copied ? 'Link copied' : 'Copy link'}
      </button>
      <button type="button" onClick={exportJson}>
        Export JSON
      </button>
    </div>
  );
}
