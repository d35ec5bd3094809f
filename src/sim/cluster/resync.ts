import { bps, ms, transmitTime, type Bytes, type Micros } from '../engine/units';
import { PAGE_BYTES } from '../replication/dirty-pages';
import { GUEST_PAGES } from '../replication/remus';
import type { ReplicationParams } from '../replication/params';

/**
 * Re-protection after a repair: before Remus can checkpoint towards a new backup, the whole of
 * the guest's memory crosses the replication link once (libxl's Remus starts with a full live
 * migration to the backup), then epochs resume. A 1 GiB guest over 1 Gb/s takes about 8.6 s.
 */
export function resyncTime(r: ReplicationParams): Micros {
  const bytes = (GUEST_PAGES * PAGE_BYTES) as Bytes;
  return (transmitTime(bytes, bps(r.linkGbps * 1e9)) + ms(r.linkLatencyMs)) as Micros;
}
