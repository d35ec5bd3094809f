/**
 * dom0's costs under Remus, calibrated from R6 (ADR 0017; docs/reference-results.md, "Calibrated:
 * R6 dom0").
 *
 * R6 (_Towards High-Availability for IP Telephony using Virtual Machines_): REGISTER over UDP at
 * 1000 and 1800 per second, Remus Net every 100 ms, dom0 CPU 36.6 % and 46.3 %. The lab's dom0
 * pays, per second, P·c_packet + N·c_page + E·c_checkpoint, where P (packets through netback: two
 * per REGISTER), N (dirty pages sent) and E (checkpoints) are what the model produces at each load:
 * P = 2000 / 3600, N = 2656 / 3196, E = 8.9 / 8.725 per second (40 s runs, reference-r6.test.ts).
 * c_page stays an estimate (1 µs, replication.dom0PageCostUs); the two figures then fix the other
 * two costs, solved from the two linear equations: the slope (9.7 points per 800 REGISTER/s) gives
 * c_packet = 63.2 µs, the intercept c_checkpoint = 26.6 ms. Rounded to the fields' steps.
 */

/**
 * dom0 µs per packet through netback on R6's testbed (host.dom0PacketCostUs in its scenario): from
 * R6's slope. The lab's default (5 µs) is the DBA-VM testbed's bound, a faster machine.
 */
export const R6_DOM0_PACKET_US = 63;

/** dom0 µs of fixed replication-tool work per checkpoint: from R6's intercept (the default). */
export const DOM0_CHECKPOINT_US = 26_600;
