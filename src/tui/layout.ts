/** Sizes of the run view's parts for a terminal of `columns` x `rows`. */
export interface Layout {
  readonly width: number;
  /** Rows used: one less than the terminal, so Ink never has to clear the whole screen per frame. */
  readonly height: number;
  /** Height of the row with the components and charts boxes, borders included. */
  readonly top: number;
  /** Height of the log box, borders included. */
  readonly log: number;
  readonly chartsWidth: number;
  readonly componentsWidth: number;
}

/** Header, status and footer lines. */
const CHROME = 3;

/** Fits 80x24 and gives larger terminals' space to the boxes (charts get 40% of wide ones). */
export function layout(columns: number, rows: number): Layout {
  const width = Math.max(40, columns);
  const height = Math.max(12, rows - 1);
  const body = height - CHROME;
  const top = Math.max(6, Math.min(body - 4, Math.max(10, Math.round(body * 0.55))));
  const chartsWidth = width >= 120 ? Math.floor(width * 0.4) : Math.min(32, Math.floor(width * 0.4));
  return { width, height, top, log: body - top, chartsWidth, componentsWidth: width - chartsWidth };
}
