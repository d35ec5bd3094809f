import { describe, expect, it } from 'vitest';
import { hashKeys } from '../src/ui/store/hash-edit';

describe('what an edited link holds', () => {
  it('counts scenario keys, passes over view keys, and names the rest', () => {
    expect(hashKeys('#v=4&telephony.calls=7&projector=1')).toEqual({ scenario: 2, strangers: [] });
    expect(hashKeys('#total-garbage&&&===')).toEqual({
      scenario: 0,
      // '&&' are empty parts (no key at all); '===' is a key with no name.
      strangers: ['total-garbage', '(empty)'],
    });
    expect(hashKeys('#projector=1&chart=loss')).toEqual({ scenario: 0, strangers: [] });
    expect(hashKeys('#%E0%A4%A=1')).toEqual({ scenario: 0, strangers: ['%E0%A4%A'] });
    expect(hashKeys('#seed=5').scenario).toBe(1);
  });
});
