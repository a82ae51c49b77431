/**
 * Renders a Vega-Lite specification to an SVG string in Node, without a browser: Vega's headless view
 * (`renderer: 'none'`) produces the SVG markup itself. Text widths are estimated, which is fine for labels.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Returns the SVG markup of `spec`. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
