import { useCallback, useState } from 'react';

/**
 * Width of an element, kept current with a ResizeObserver, through a callback ref: a panel that
 * first renders nothing (no ping, one guest) and its element later was never observed with a
 * ref object and an effect, and kept the 900 px fallback, which scrolled a 390 px screen sideways.
 */
export function useWidth<T extends HTMLElement>(
  fallback = 900,
): [(el: T | null) => () => void, number] {
  const [w, setW] = useState(fallback);
  const ref = useCallback((el: T | null) => {
    if (!el) return () => undefined;
    const ro = new ResizeObserver((entries) => {
      const cw = entries[0]?.contentRect.width;
      if (cw && cw > 0) setW(Math.floor(cw));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}
