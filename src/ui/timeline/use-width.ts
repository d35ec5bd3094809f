import { useEffect, useState, type RefObject } from 'react';

/** Width of an element, kept current with a ResizeObserver. */
export function useWidth(ref: RefObject<HTMLElement | null>, fallback = 900): number {
  const [w, setW] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const cw = entries[0]?.contentRect.width;
      if (cw && cw > 0) setW(Math.floor(cw));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return w;
}
