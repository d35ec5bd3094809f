import type { Micros } from '../engine/units';
import { ms } from '../engine/units';
import type { Packet } from '../net/packet';
import { NETIF_RING_SLOTS } from '../net/queue-limits';

/** Xen netif ring: 256 slots per 4 KiB page (io/netif.h). A full RX ring drops in the driver domain. */
export const RX_RING_SLOTS = NETIF_RING_SLOTS;
/** Burner demand is topped up every 1 ms (a lookbusy-like fine-grained duty cycle). Coarser top-ups aligned with the 10 ms scheduler tick let a burner finish its demand between ticks and keep BOOST for ever. */
export const BURNER_PERIOD = ms(1);

/** Kinds of netback job: a received frame, or (NETBACK_TX + VM id) a frame a guest sent. */
export const NETBACK_RX = 1;
export const NETBACK_TX = 16;

/** VM ids: 0 is dom0, then the slots vm1 … vm8 (vm1 the VoIP VM), the same on every host. */
export const VM_DOM0 = 0;
export const VM_VOIP = 1;

/** Where a guest's outbound packet goes after netback (the Remus output buffer hooks in here). */
export type OutputStage = (p: Packet, now: Micros, send: (p: Packet) => void) => void;
