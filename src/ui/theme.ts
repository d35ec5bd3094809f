/**
 * Okabe–Ito palette (colour-blind safe), used everywhere a colour carries meaning.
 * Lanes also differ by pattern or label so colour is never the only cue.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  grey: '#8a8a8a',
} as const;

/** Colour of a VM id in the CPU lanes: dom0 grey, VoIP VM blue, burners after. */
export function vmColour(vm: number): string {
  const burners = [
    OKABE_ITO.orange,
    OKABE_ITO.green,
    OKABE_ITO.purple,
    OKABE_ITO.yellow,
    OKABE_ITO.sky,
    OKABE_ITO.vermillion,
    OKABE_ITO.black,
  ];
  if (vm === 0) return OKABE_ITO.grey;
  if (vm === 1) return OKABE_ITO.blue;
  return burners[(vm - 2) % burners.length] as string;
}

/** What a service VM runs: SIP and media together (VoIP), SIP alone, or media alone. */
export function serviceWord(slot: { sip: boolean; media: boolean }): string {
  return slot.sip && slot.media ? 'VoIP' : slot.sip ? 'SIP' : 'media';
}

/**
 * Name of a VM id, with the service it runs when `vms` (the scenario's) says: vm1 (VoIP) by
 * default, vm1 (SIP) and vm2 (media) in a split deployment — as the cluster map names them.
 */
export function vmName(
  vm: number,
  vms?: Readonly<Record<string, { sip: boolean; media: boolean; enabled?: boolean }>>,
): string {
  if (vm === 0) return 'dom0';
  const slot = vms?.[`vm${vm}`];
  if (!slot) return vm === 1 ? 'vm1 (VoIP)' : `vm${vm}`;
  return slot.sip || slot.media ? `vm${vm} (${serviceWord(slot)})` : `vm${vm}`;
}

/** Stream colours: caller→callee blue, callee→caller orange. */
export const directionColour = (stream: number): string =>
  stream % 2 === 0 ? OKABE_ITO.blue : OKABE_ITO.orange;
