import { inlineStyles } from './figure-image';

const loadImage = (url: string): Promise<HTMLImageElement> =>
  new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the timeline overlay could not be drawn'));
    img.src = url;
  });

/**
 * The timeline as it is on screen, as a PNG: the lanes (canvas, with their labels), the overlay
 * (time axis, handles, playhead) and the legend below, at the screen's pixel density.
 */
export async function timelinePng(wrap: Element, legend: Element | null): Promise<Blob> {
  const lanes = wrap.querySelector('canvas');
  const overlay = wrap.querySelector('svg');
  if (!lanes || !overlay) throw new Error('no timeline to export');
  const dpr = lanes.width / Math.max(1, lanes.clientWidth);
  const w = lanes.clientWidth;
  const h = lanes.clientHeight;
  const items = legend
    ? [...legend.querySelectorAll('.legend-item')].map((el) => ({
        colour: getComputedStyle(el.querySelector('.swatch') ?? el).backgroundColor,
        label: el.textContent?.trim() ?? '',
      }))
    : [];
  const legendH = items.length ? 22 * Math.ceil(items.length / 4) + 8 : 0;
  const out = document.createElement('canvas');
  out.width = Math.ceil(w * dpr);
  out.height = Math.ceil((h + legendH) * dpr);
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.scale(dpr, dpr);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h + legendH);
  ctx.drawImage(lanes, 0, 0, w, h);
  const clone = overlay.cloneNode(true) as SVGSVGElement;
  inlineStyles(overlay, clone);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const url = URL.createObjectURL(
    new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }),
  );
  try {
    ctx.drawImage(await loadImage(url), 0, 0, w, h);
  } finally {
    URL.revokeObjectURL(url);
  }
  ctx.font = '13px system-ui, sans-serif';
  items.forEach((it, i) => {
    const x = 8 + (i % 4) * (w / 4);
    const y = h + 8 + Math.floor(i / 4) * 22;
    ctx.fillStyle = it.colour;
    ctx.fillRect(x, y + 2, 14, 12);
    ctx.fillStyle = '#000';
    ctx.fillText(it.label, x + 20, y + 13);
  });
  return new Promise<Blob>((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}
