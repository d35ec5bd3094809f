import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import type { Packet, PacketLedger } from '../net/packet';
import type { TcpProbeParams } from './params';
import { TcpBulk } from './tcp-bulk';
import { TcpTransfer } from './tcp-transfer';

/** The TCP probe: a transfer of tcp.transferKB that finishes, or (0) the endless window-limited flow. */
export type TcpProbe = TcpBulk | TcpTransfer;

export function tcpProbe(
  sim: Simulator,
  ledger: PacketLedger,
  params: TcpProbeParams,
  start: Micros,
  end: Micros,
  send: (p: Packet) => void,
): TcpProbe {
  return params.transferKB > 0
    ? new TcpTransfer(sim, ledger, params, start, end, send)
    : new TcpBulk(sim, ledger, params, start, end, send);
}
