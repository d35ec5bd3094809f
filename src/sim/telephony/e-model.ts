/**
 * ITU-T G.107 E-model for G.711. R = Ro − Is − Id − Ie,eff + A with the default planning values
 * (Ro − Is = 93.2 at zero delay and loss, A = 0). Delay term: the common simplification
 * Id = 0.024·d + 0.11·(d − 177.3)·H(d − 177.3) (Cole & Rosenbluth), within ~0.3 R of the full
 * Idte + Idle + Idd up to 300 ms. Loss: Ie,eff = Ie + (95 − Ie)·Ppl/(Ppl/BurstR + Bpl), G.711
 * Ie = 0, Bpl = 25.1 with PLC and 4.3 without (G.113 Appendix I), BurstR = 1 (random loss).
 */
export const EMODEL = { r0: 93.2, ie: 0, bplPlc: 25.1, bplNoPlc: 4.3 } as const;

/** Delay impairment Id for one-way mouth-to-ear delay `d` ms. */
export function delayImpairment(d: number): number {
  return 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
}

/** Effective equipment impairment for packet loss `ppl` % (random loss). */
export function lossImpairment(ppl: number, plc: boolean, burstR = 1): number {
  const bpl = plc ? EMODEL.bplPlc : EMODEL.bplNoPlc;
  return EMODEL.ie + ((95 - EMODEL.ie) * ppl) / (ppl / burstR + bpl);
}

/** Transmission rating R for mouth-to-ear delay `delayMs` and loss `lossPct`. */
export function eModelR(delayMs: number, lossPct: number, plc: boolean): number {
  return EMODEL.r0 - delayImpairment(delayMs) - lossImpairment(lossPct, plc);
}

/** G.107 Annex B: R → MOS (1 below R = 0, 4.5 above R = 100). */
export function mosFromR(r: number): number {
  if (r < 0) return 1;
  if (r > 100) return 4.5;
  return 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
}
