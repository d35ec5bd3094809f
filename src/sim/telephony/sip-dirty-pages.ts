import { DirtyPageLog } from '../replication/dirty-pages';
import { PAGE_BYTES, type StateWriteSink } from '../sip/state-tables';

/**
 * The VoIP VM's dirty pages when the RFC 3261 stack runs in it: the relay's sessions as
 * DirtyPageLog lays them out, plus the pages the registrar's location, dialog and transaction
 * tables write (src/sim/sip/state-tables.ts, their own arenas), each page counted once an
 * epoch, as Xen's log-dirty bitmap reports them.
 */
export class SipDirtyPageLog extends DirtyPageLog implements StateWriteSink {
  private readonly sipPages = new Set<number>();

  onWrite(bytes: number, key: number): void {
    const first = Math.floor(key / PAGE_BYTES);
    const last = Math.floor((key + bytes - 1) / PAGE_BYTES);
    for (let p = first; p <= last; p++) this.sipPages.add(p);
  }

  override take(): number {
    const n = this.sipPages.size;
    this.sipPages.clear();
    return super.take() + n;
  }

  override get size(): number {
    return super.size + this.sipPages.size;
  }
}
