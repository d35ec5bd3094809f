import { useEffect, useRef, useState } from 'react';
import { useLab } from '../store/store';
import { useView } from '../store/view-flags';

/**
 * "Copy link" (the whole scenario is in it). When the browser refuses the clipboard (permission
 * denied, no clipboard outside https), the link is shown selected in a read-only field to copy by
 * hand, with a sentence saying why: the button must never just do nothing.
 */
export function CopyLink() {
  const [copied, setCopied] = useState(false);
  const [manual, setManual] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Re-rendered on every edit while the field is open: it shows the link as it is now, not as it
  // was when the copy failed (url-sync.ts has already written the new hash by then).
  useLab((s) => s.scenario);
  useView();
  const link = window.location.href;
  const done = () => {
    setCopied(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), 1500);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (!manual) return;
    field.current?.focus();
    field.current?.select();
  }, [manual]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setManual(false);
      done();
    } catch {
      setManual(true);
      // Already open (a second press): select the link again for Ctrl+C.
      field.current?.focus();
      field.current?.select();
    }
  };
  const close = () => {
    setManual(false);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        onClick={() => void copy()}
        aria-expanded={manual}
        aria-controls={manual ? 'copy-link-manual' : undefined}
        data-testid="copy-link"
      >
        {copied ? 'Link copied' : 'Copy link'}
      </button>
      {manual && (
        <div
          id="copy-link-manual"
          className="copy-manual"
          role="group"
          aria-labelledby="copy-link-why"
          data-testid="copy-link-manual"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            close();
          }}
        >
          <p id="copy-link-why" role="alert">
            The browser did not let the lab copy the link. It is selected below: copy it with Ctrl+C
            (⌘C on a Mac).
          </p>
          <input
            ref={field}
            type="text"
            readOnly
            value={link}
            aria-label="Link to this scenario"
            onFocus={(e) => e.currentTarget.select()}
            onCopy={done}
            data-testid="copy-link-field"
          />
          <button type="button" onClick={close}>
            Close
          </button>
        </div>
      )}
    </>
  );
}
