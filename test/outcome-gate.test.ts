import { describe, expect, it } from 'vitest';
import { OutcomeGate } from '../src/ui/store/outcome-gate';

/** The run's outcome is applied only after every chunk posted before it was folded. */
describe('OutcomeGate', () => {
  it('an outcome after its chunks applies at once', () => {
    const g = new OutcomeGate();
    const log: string[] = [];
    expect(g.chunk()).toBe(false);
    expect(g.chunk()).toBe(false);
    g.outcome(2, () => log.push('done'));
    expect(log).toEqual(['done']);
    expect(g.waiting).toBe(false);
  });

  it('an outcome that overtook its last chunks waits for them (the CI race), then applies once', () => {
    const g = new OutcomeGate();
    const log: string[] = [];
    g.chunk();
    g.outcome(3, () => log.push('done'));
    expect(log).toEqual([]);
    expect(g.waiting).toBe(true);
    expect(g.chunk()).toBe(false);
    expect(log).toEqual([]);
    expect(g.chunk()).toBe(true);
    expect(log).toEqual(['done']);
    // A stray chunk after that applies nothing again.
    expect(g.chunk()).toBe(false);
    expect(log).toEqual(['done']);
  });

  it('a new run forgets the old one’s count and pending outcome', () => {
    const g = new OutcomeGate();
    const log: string[] = [];
    g.outcome(5, () => log.push('old'));
    g.reset();
    g.chunk();
    g.outcome(1, () => log.push('new'));
    expect(log).toEqual(['new']);
  });
});
