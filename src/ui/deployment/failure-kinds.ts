import type { FailureKind } from '../../sim/cluster/failure-slots';

/**
 * How each failure kind is told apart on the timeline and in the list without relying on colour
 * (colour-blind safe): its own marker shape and a short text label. The badge is the marker's
 * shape as a character common fonts have, so list and timeline read alike.
 */
export const KIND_BADGE: Record<FailureKind, string> = {
  none: '',
  'host-crash': '▲',
  'vm-crash': '■',
  'vm-shutdown': '●',
  'link-fail': '◆',
  partition: '∥',
};

/** Short words for markers: "crash h1", "link cut vm1". */
export const KIND_SHORT: Record<FailureKind, string> = {
  none: '',
  'host-crash': 'crash',
  'vm-crash': 'VM crash',
  'vm-shutdown': 'shutdown',
  'link-fail': 'link cut',
  partition: 'partition',
};

/**
 * Marker shapes (SVG path around 0,0, about 14 px): a triangle for a host crash (as the crash
 * handle has always been), a square for a VM crash, a circle for a shutdown, a diamond for a link
 * cut, a double bar for a partition.
 */
export const KIND_SHAPE: Record<FailureKind, string> = {
  none: 'M-8,5 L0,-5 L8,5 Z',
  'host-crash': 'M-8,5 L0,-5 L8,5 Z',
  'vm-crash': 'M-6,-6 H6 V6 H-6 Z',
  'vm-shutdown': 'M-7,0 A7,7 0 1,0 7,0 A7,7 0 1,0 -7,0 Z',
  'link-fail': 'M0,-7 L7,0 L0,7 L-7,0 Z',
  partition: 'M-7,-7 H-2 V7 H-7 Z M2,-7 H7 V7 H2 Z',
};
