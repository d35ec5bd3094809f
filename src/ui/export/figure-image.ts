/**
 * A chart as it is on screen, as a standalone SVG or PNG: its title, its legend (colour and label
 * of each series) and its plot with axes, with the styles the page's CSS gave it written onto the
 * elements, so the file looks the same outside the page.
 */
const STYLE_PROPS = [
  'paint-order',
  'stroke-linejoin',
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'text-anchor',
  'visibility',
] as const;
const NS = 'http://www.w3.org/2000/svg';
const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Copies computed presentation styles from `src` to `dst`, element by element. */
export function inlineStyles(src: Element, dst: Element): void {
  const cs = getComputedStyle(src);
  const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
  dst.setAttribute('style', style);
  for (let i = 0; i < src.children.length; i++) {
    const a = src.children[i];
    const b = dst.children[i];
    if (a && b) inlineStyles(a, b);
  }
}

/** The figure (`figure` with a `figcaption` and an `svg`, or a lone `svg`) as SVG text. */
export function figureSvg(root: Element): { svg: string; width: number; height: number } {
  const plot = root instanceof SVGSVGElement ? root : root.querySelector('svg');
  if (!plot) throw new Error('no chart to export');
  const w = plot.width.baseVal.value || plot.getBoundingClientRect().width;
  const h = plot.height.baseVal.value || plot.getBoundingClientRect().height;
  const title =
    root.querySelector('figcaption strong')?.textContent ?? root.getAttribute('aria-label') ?? '';
  const unit = root.querySelector('figcaption .unit')?.textContent ?? '';
  const legend = [...root.querySelectorAll('.legend-item')].map((el) => ({
    colour: getComputedStyle(el.querySelector('.swatch') ?? el).backgroundColor,
    label: el.textContent?.trim() ?? '',
  }));
  const head = title ? 26 : 0;
  const legendH = legend.length ? 22 : 0;
  const clone = plot.cloneNode(true) as SVGSVGElement;
  inlineStyles(plot, clone);
  clone.setAttribute('x', '0');
  clone.setAttribute('y', String(head + legendH));
  let x = 8;
  const legendSvg = legend
    .map((l) => {
      const item = `<rect x="${x}" y="${head + 5}" width="14" height="12" fill="${l.colour}"/><text x="${x + 18}" y="${head + 16}" font-family="sans-serif" font-size="13">${esc(l.label)}</text>`;
      x += 30 + l.label.length * 7;
      return item;
    })
    .join('');
  const width = Math.max(w, x);
  const height = h + head + legendH;
  const svg =
    `<svg xmlns="${NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    (title
      ? `<text x="8" y="19" font-family="sans-serif" font-size="16" font-weight="700">${esc(title)} <tspan font-weight="400">${esc(unit)}</tspan></text>`
      : '') +
    legendSvg +
    new XMLSerializer().serializeToString(clone) +
    `</svg>`;
  return { svg, width, height };
}

/** The SVG text drawn on a canvas at `scale` (2: sharp on a projector), as a PNG blob. */
export async function svgToPng(
  svg: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Blob> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
