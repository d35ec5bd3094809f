import {
  FAILURE_KINDS,
  activeFailures,
  heals,
  targetsHost,
  type FailureKind,
} from '../../sim/cluster/failure-slots';
import type { NumberField } from '../../sim/scenario/field';
import { fieldAt } from '../../sim/scenario/scenario';
import { useLab } from '../store/store';
import { NumberCell } from './NumberCell';
import {
  addFailure,
  changeKind,
  endKey,
  moveFailure,
  removeFailure,
  targetChoices,
} from './failure-edits';
import { KIND_BADGE } from './failure-kinds';

/**
 * The failures f1 … f8 as a list (ADR 16): a row per failure set, with its kind, its target (the
 * hosts for a host crash or a partition, the VMs present otherwise), its time, when it heals or is
 * repaired, and a remove button; "Add failure" fills the first free slot. Every change is one
 * validated edit through the store (undo/redo as for any field); adjustments come back as notices.
 */
export function FailureList() {
  const scenario = useLab((s) => s.scenario);
  const setFields = useLab((s) => s.setFields);
  const used = activeFailures(scenario.failures);
  const add = addFailure(scenario);
  return (
    <div className="failure-list" data-testid="failure-list">
      {used.length === 0 ? (
        <p className="vm-table-note">No failure: the run is fault-free.</p>
      ) : (
        <ol className="fail-rows" aria-label="Failures">
          {used.map(({ slot: n, f }) => {
            const p = `failures.f${n}`;
            const key = endKey(f.kind);
            const endWord = heals(f.kind) ? 'Heals at' : 'Repaired at';
            return (
              <li key={n} className="fail-row" data-testid={`failure-row-f${n}`}>
                <div className="fail-row-top">
                  <span className="kind-badge" aria-hidden="true">
                    {KIND_BADGE[f.kind]}
                  </span>
                  <span className="fail-slot">f{n}</span>
                  <select
                    value={f.kind}
                    onChange={(e) =>
                      setFields(changeKind(scenario, n, e.target.value as FailureKind))
                    }
                    aria-label={`Failure ${n} kind`}
                    title={fieldAt(`${p}.kind`)?.help}
                    data-path={`${p}.kind`}
                  >
                    {FAILURE_KINDS.filter((k) => k.value !== 'none').map((k) => (
                      <option key={k.value} value={k.value}>
                        {k.label}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="fail-remove"
                    onClick={() => setFields(removeFailure(n))}
                    aria-label={`Remove failure ${n}`}
                    title={`Remove failure ${n}`}
                  >
                    ✕
                  </button>
                </div>
                <div className="fail-row-bottom">
                  <label title={fieldAt(`${p}.target`)?.help}>
                    <span>Target</span>
                    <select
                      value={f.target}
                      onChange={(e) => setFields({ [`${p}.target`]: Number(e.target.value) })}
                      aria-label={`Failure ${n} target`}
                      data-path={`${p}.target`}
                    >
                      {targetChoices(scenario, f.kind).map((t) => (
                        <option key={t} value={t}>
                          {targetsHost(f.kind) ? `h${t}` : `vm${t}`}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    <span>At (s)</span>
                    <NumberCell
                      field={fieldAt(`${p}.atS`) as NumberField}
                      value={f.atS}
                      label={`Failure ${n} time (s)`}
                      onCommit={(v) => setFields(moveFailure(scenario, n, v))}
                    />
                  </label>
                  <label>
                    <span>{endWord} (s)</span>
                    <NumberCell
                      field={fieldAt(`${p}.${key}`) as NumberField}
                      value={f[key]}
                      label={`Failure ${n} ${endWord.toLowerCase()} (s, 0 = never)`}
                      onCommit={(v) => setFields({ [`${p}.${key}`]: v })}
                    />
                  </label>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <button
        type="button"
        className="fail-add"
        disabled={add === undefined}
        onClick={() => add && setFields(add)}
        data-testid="failure-add"
      >
        Add failure
      </button>
    </div>
  );
}
