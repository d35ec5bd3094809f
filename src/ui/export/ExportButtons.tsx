import { useState, type RefObject } from 'react';
import { failureText } from '../components/load-failure';
import { download, fileName } from './download';

/** The SVG and PNG code loads on the first export (most visits export nothing). */
const figureImage = () => import('./figure-image');

interface Props {
  /** The figure to export (its title, legend and plot). */
  readonly figure: RefObject<Element | null>;
  readonly name: string;
  /** The figure's data as CSV text; no CSV button without it. */
  readonly csv?: () => string;
}

/** CSV, SVG and PNG of one chart, as it is on screen. */
export function ExportButtons({ figure, name, csv }: Props) {
  // A failed export (its code did not load, or the canvas refused) is said beside the buttons.
  const [failed, setFailed] = useState('');
  const fail = (e: unknown) => setFailed(failureText(e));
  const svg = async () => {
    const { figureSvg, svgToPng } = await figureImage();
    const el = figure.current;
    return el ? { ...figureSvg(el), svgToPng } : null;
  };
  return (
    <span className="export-buttons" role="group" aria-label={`Export ${name}`}>
      {csv && (
        <button
          type="button"
          onClick={() => download(fileName(name, 'csv'), new Blob([csv()], { type: 'text/csv' }))}
        >
          CSV
        </button>
      )}
      <button
        type="button"
        onClick={() => {
          setFailed('');
          void svg()
            .then((s) => {
              if (s) download(fileName(name, 'svg'), new Blob([s.svg], { type: 'image/svg+xml' }));
            })
            .catch(fail);
        }}
      >
        SVG
      </button>
      <button
        type="button"
        onClick={() => {
          setFailed('');
          void svg()
            .then((s) => {
              if (s)
                return s
                  .svgToPng(s.svg, s.width, s.height)
                  .then((b) => download(fileName(name, 'png'), b));
            })
            .catch(fail);
        }}
      >
        PNG
      </button>
      {failed && (
        <span role="status" className="export-failed">
          Export failed: {failed}
        </span>
      )}
    </span>
  );
}
