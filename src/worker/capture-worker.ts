import * as Comlink from 'comlink';
import type { CapturePoint } from '../sim/export/capture';
import { toPcap } from '../sim/export/pcap';
import { runToEnd } from '../sim/run';
import { validateScenario } from '../sim/scenario/validate';
import { codecOf } from '../sim/telephony/codec';

/**
 * A one-shot worker for the pcap export: runs the scenario again with a capture point (capturing
 * changes no result), and returns the file's bytes, transferred.
 */
const api = {
  pcap(scenario: unknown, point: CapturePoint): Uint8Array {
    const { scenario: s } = validateScenario(scenario);
    const cap = runToEnd(s, { capture: point }).world.capture;
    if (!cap) throw new Error('no capture');
    const bytes = toPcap(cap, codecOf(s.telephony.codec));
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
};

export type CaptureWorkerApi = typeof api;

Comlink.expose(api);
