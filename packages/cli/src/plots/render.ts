/**
 * Renders a Vega-Lite specification to SVG, PNG and PDF in Node, without a browser. Vega's headless view
 * (`renderer: 'none'`) writes the SVG markup; resvg (its WebAssembly build, no native binary) rasterises it to PNG;
 * PDFKit with svg-to-pdfkit draws it as vector PDF. Both get the DejaVu Sans font from the `dejavu-fonts-ttf`
 * package, so γ, ρ, τ, µ and subscripts look the same on every machine. vega and vega-lite are loaded on first
 * use, so commands that draw nothing do not pay for them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TopLevelSpec } from 'vega-lite';

const require = createRequire(import.meta.url);
/** The font of every figure: DejaVu Sans has the Greek letters, tildes and the minus sign. */
export const FIGURE_FONT = 'DejaVu Sans';
const fontFile = () => readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));

/** Returns the SVG markup of `spec`, with text in {@link FIGURE_FONT}. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const config = { font: FIGURE_FONT, ...(spec as { config?: object }).config };
  const view = new vega.View(vega.parse(compile({ ...spec, config } as TopLevelSpec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

let resvg: Promise<typeof import('@resvg/resvg-wasm')> | undefined;

/** PNG bytes of an SVG at `scale` × its size (2: a sharp screenshot for a paper draft or a web page). */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  resvg ??= import('@resvg/resvg-wasm').then(async (module) => {
    await module.initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
    return module;
  });
  const { Resvg } = await resvg;
  const font = { fontBuffers: [fontFile()], defaultFontFamily: FIGURE_FONT, sansSerifFamily: FIGURE_FONT, loadSystemFonts: false };
  const image = new Resvg(svg, { font, fitTo: { mode: 'zoom', value: scale }, background: 'white' });
  try {
    return image.render().asPng();
  } finally {
    image.free();
  }
}

/** A dash pattern with a zero length (Vega's "solid" [1, 0]) means a solid line; PDFKit refuses it, so drop it. */
function solidDashes(svg: string): string {
  return svg.replace(/\sstroke-dasharray="([^"]*)"/g, (attribute, pattern: string) =>
    pattern.split(/[\s,]+/).some((length) => Number(length) === 0) ? '' : attribute,
  );
}

/** Vector PDF bytes of an SVG (one page of the SVG's size, in points). */
export async function svgToPdf(svg: string): Promise<Uint8Array> {
  const [{ default: PDFDocument }, { default: SVGtoPDF }] = await Promise.all([import('pdfkit'), import('svg-to-pdfkit')]);
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  const [width, height] = size ? [Number(size[1]), Number(size[2])] : [600, 400];
  // A fixed creation date keeps the bytes the same from run to run.
  const doc = new PDFDocument({ size: [width, height], margin: 0, info: { CreationDate: new Date(0), Producer: 'mmcl' } });
  doc.registerFont(FIGURE_FONT, fontFile());
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  // assumePt: one SVG pixel is one PDF point, so the page is exactly the figure (the default would shrink it to 3/4).
  SVGtoPDF(doc, solidDashes(svg), 0, 0, { width, height, assumePt: true, fontCallback: () => FIGURE_FONT });
  doc.end();
  return done;
}

/** The three files of a figure: `<name>.svg`, `<name>.png` and `<name>.pdf`. */
export async function renderFigure(spec: TopLevelSpec): Promise<{ svg: string; png: Uint8Array; pdf: Uint8Array }> {
  const svg = await renderSvg(spec);
  const [png, pdf] = await Promise.all([svgToPng(svg), svgToPdf(svg)]);
  return { svg, png, pdf };
}

/** Writes `<name>.svg`, `.png` and `.pdf` through `write` (a staged output folder's writer). */
export async function writeFigure(write: (relative: string, data: string | Uint8Array) => void, name: string, spec: TopLevelSpec): Promise<void> {
  const { svg, png, pdf } = await renderFigure(spec);
  write(`${name}.svg`, svg);
  write(`${name}.png`, png);
  write(`${name}.pdf`, pdf);
}
