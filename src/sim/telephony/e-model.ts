import { CODECS, type RtpCodec } from './codec';

/**
 * ITU-T G.107 (06/2015) E-model for G.711: R = Ro − Is − Id − Ie,eff + A (eq. 7-1), with every
 * transmission parameter at its Table 3 default except the delays, which come from the run.
 * Equation numbers below are G.107's. With the defaults, R = 93.2 at zero delay and loss (§7.7).
 *
 * The lab knows one delay per stream, the mouth-to-ear delay d. The talker-echo delay T and the
 * absolute delay Ta are taken as d and the listener-echo round trip Tr as 2d (a four-wire path with
 * echo control at the usual TELR; the lab models no echo of its own).
 * (Earlier versions of this file used Cole & Rosenbluth's fit Id = 0.024·d + 0.11·(d − 177.3)·H(d −
 * 177.3); it agrees within 0.2 at 0, 150 and 300 ms but is 0.9 too optimistic at 177 ms and 3 at
 * 400 ms.)
 */
export const G107_DEFAULTS = {
  /** Send and receive loudness ratings, dB. */
  slr: 8,
  rlr: 2,
  /** Sidetone masking rating, dB; listener sidetone rating LSTR = STMR + Dr. */
  stmr: 15,
  /** D-values of the telephone, send and receive side. */
  ds: 3,
  dr: 3,
  /** Talker echo loudness rating, dB. */
  telr: 65,
  /** Weighted echo path loss, dB. */
  wepl: 110,
  /** Quantizing distortion units. */
  qdu: 1,
  /** Circuit noise at the 0 dBr point, dBm0p; noise floor at the receive side, dBmp. */
  nc: -70,
  nfor: -64,
  /** Room noise at the send and receive side, dB(A). */
  ps: 35,
  pr: 35,
  /** Minimum perceivable delay mT (ms) and delay sensitivity sT (Table 3 defaults). */
  mt: 100,
  st: 1,
  /** Advantage factor (0 for wired telephony). */
  a: 0,
} as const;

/**
 * Packet-loss robustness Bpl for G.711, G.113 Appendix I Table I.3: 25.1 with packet loss
 * concealment, 4.3 without. G.711's equipment impairment Ie is 0. Other codecs: codec.ts.
 */
export const G711: EModelCodec = CODECS.g711;

/** What the E-model needs of a codec: Ie and Bpl (G.113 Appendix I). */
export type EModelCodec = Pick<RtpCodec, 'ie' | 'bplPlc' | 'bplNoPlc'>;

const D = G107_DEFAULTS;
const log10 = Math.log10;

/** Total noise No (eq. 7-3 to 7-7) and the basic signal-to-noise ratio Ro (eq. 7-2). */
function basicSignalToNoise(): { no: number; ro: number } {
  const olr = D.slr + D.rlr;
  const lstr = D.stmr + D.dr;
  const nos = D.ps - D.slr - D.ds - 100 + 0.004 * (D.ps - olr - D.ds - 14) ** 2;
  const pre = D.pr + 10 * log10(1 + 10 ** ((10 - lstr) / 10));
  const nor = D.rlr - 121 + pre + 0.008 * (pre - 35) ** 2;
  const nfo = D.nfor + D.rlr;
  const no = 10 * log10(10 ** (D.nc / 10) + 10 ** (nos / 10) + 10 ** (nor / 10) + 10 ** (nfo / 10));
  return { no, ro: 15 - 1.5 * (D.slr + no) };
}
const { no: NO, ro: RO } = basicSignalToNoise();

/** Simultaneous impairment Is = Iolr + Ist + Iq (eq. 7-8 to 7-17) for talker-echo delay `t` ms. */
function simultaneousImpairment(t: number): number {
  const xolr = D.slr + D.rlr + 0.2 * (64 + NO - D.rlr);
  const iolr = 20 * ((1 + (xolr / 8) ** 8) ** (1 / 8) - xolr / 8);
  const stmro = -10 * log10(10 ** (-D.stmr / 10) + Math.exp(-t / 4) * 10 ** (-D.telr / 10));
  const ist =
    12 * (1 + ((stmro - 13) / 6) ** 8) ** (1 / 8) -
    28 * (1 + ((stmro + 1) / 19.4) ** 35) ** (1 / 35) -
    13 * (1 + ((stmro - 3) / 33) ** 13) ** (1 / 13) +
    29;
  const q = 37 - 15 * log10(D.qdu);
  const g = 1.07 + 0.258 * q + 0.0602 * q * q;
  const y = (RO - 100) / 15 + 46 / 8.4 - g / 9;
  const z = 46 / 30 - g / 40;
  const iq = 15 * log10(1 + 10 ** y + 10 ** z);
  return iolr + ist + iq;
}

/**
 * Delay impairment Id = Idte + Idle + Idd (eq. 7-18 to 7-28) for a mouth-to-ear delay of `d` ms
 * (T = Ta = d, Tr = 2d). STMR 15 dB lies in 9–20 dB, so neither of the sidetone variants applies.
 */
export function delayImpairment(d: number): number {
  const t = d;
  const ta = d;
  const tr = 2 * d;
  const roe = -1.5 * (NO - D.rlr);
  const terv = D.telr - 40 * log10((1 + t / 10) / (1 + t / 150)) + 6 * Math.exp(-0.3 * t * t);
  const re = 80 + 2.5 * (terv - 14);
  const idte = ((roe - re) / 2 + Math.sqrt((roe - re) ** 2 / 4 + 100) - 1) * (1 - Math.exp(-t));
  const rle = 10.5 * (D.wepl + 7) * (tr + 1) ** -0.25;
  const idle = (RO - rle) / 2 + Math.sqrt((RO - rle) ** 2 / 4 + 169);
  let idd = 0;
  if (ta > D.mt) {
    const x = log10(ta / D.mt) / log10(2);
    const p = 6 * D.st;
    idd = 25 * ((1 + x ** p) ** (1 / p) - 3 * (1 + (x / 3) ** p) ** (1 / p) + 2);
  }
  return idte + idle + idd;
}

/** Effective equipment impairment Ie,eff (eq. 7-29) for packet loss `ppl` % (random: BurstR = 1). */
export function lossImpairment(
  ppl: number,
  plc: boolean,
  burstR = 1,
  codec: EModelCodec = G711,
): number {
  const bpl = plc ? codec.bplPlc : codec.bplNoPlc;
  return codec.ie + ((95 - codec.ie) * ppl) / (ppl / burstR + bpl);
}

/** Transmission rating R (eq. 7-1) for mouth-to-ear delay `delayMs` and loss `lossPct`. */
export function eModelR(
  delayMs: number,
  lossPct: number,
  plc: boolean,
  codec: EModelCodec = G711,
): number {
  return (
    RO -
    simultaneousImpairment(delayMs) -
    delayImpairment(delayMs) -
    lossImpairment(lossPct, plc, 1, codec) +
    D.a
  );
}

/**
 * G.107 Annex B (eq. B-4): R → MOS (1 below R = 0, 4.5 above R = 100). The cubic dips under 1
 * for 0 < R < 6.5 (0.99 at R = 5), below the floor of the MOS scale it maps onto (P.800, 1–5):
 * it is held at 1 there, as at R ≤ 0 (a worst-call card read 0.99 at 2000 calls).
 */
export function mosFromR(r: number): number {
  if (r < 0) return 1;
  if (r > 100) return 4.5;
  return Math.max(1, 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r));
}
