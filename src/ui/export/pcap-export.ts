import * as Comlink from 'comlink';
import type { CapturePoint } from '../../sim/export/capture';
import type { Scenario } from '../../sim/scenario/scenario';
import type { CaptureWorkerApi } from '../../worker/capture-worker';
import { download } from './download';

/** Runs the scenario once more in a worker with a capture at `point` and downloads the pcap. */
export async function exportPcap(s: Scenario, point: CapturePoint): Promise<void> {
  const w = new Worker(new URL('../../worker/capture-worker.ts', import.meta.url), {
    type: 'module',
  });
  try {
    const bytes = await Comlink.wrap<CaptureWorkerApi>(w).pcap(s, point);
    download(
      `voip-ha-lab-${point}-side.pcap`,
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.tcpdump.pcap' }),
    );
  } finally {
    w.terminate();
  }
}
