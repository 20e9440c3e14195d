/**
 * "Export view": the cluster SVG as a standalone file (computed styles inlined, since the
 * page's stylesheet does not travel with it) and as a PNG drawn from that SVG on a canvas.
 * The file carries what a reader needs to make sense of it: the legend beside the drawing and
 * a caption naming the moment (time, event, scenario); the selection ring is left out. The
 * copy is built in a separate XML document and its look written as presentation attributes
 * (`fill="…"`), never as style attributes, which the page's Content-Security-Policy refuses
 * (with a console warning each).
 */
import { fmtTime } from '../format';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Style properties that decide how an SVG element looks. */
const PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
];

/**
 * What the exported view leaves out: marks of the user's selection, not of the run, and the
 * canvas that animates messages on screen (the file shows their SVG glyphs instead).
 */
const LEFT_OUT = '.select-ring, .msg-canvas';
/** Drawn in the file though not on screen, where the canvas paints them. */
const SHOWN_IN_FILE = '.msg-glyph';

/** Layout of the legend column and the caption, in px of the exported file. */
const LEGEND_WIDTH = 190;
const ROW = 20;
const ICON = 16;
const GROUP_GAP = 10;
const CAPTION_HEIGHT = 28;
const FONT_SIZE = 12;

/** The caption of an exported view: "t = 2.345 s · event 812 · Minority partition". */
export function momentCaption(time: number, eventId: number | null, name: string | null): string {
  const parts = [`t = ${fmtTime(time)}`];
  if (eventId !== null) parts.push(`event ${eventId}`);
  if (name) parts.push(name);
  return parts.join(' · ');
}

export interface ExportExtras {
  /** The on-screen legend (`.legend`): its items are drawn beside the cluster. */
  legend?: Element | null;
  /** A line of text under the drawing (see momentCaption). */
  caption?: string;
}

/** A deep copy of `el` in `doc`, with every element's computed look written onto it. */
function importStyled(doc: XMLDocument, el: SVGElement): SVGElement {
  const copy = doc.importNode(el, true);
  const src = [el, ...el.querySelectorAll('*')];
  const dst = [copy, ...copy.querySelectorAll('*')];
  src.forEach((s, i) => {
    const cs = getComputedStyle(s);
    const target = dst[i];
    if (!target) return;
    // Presentation attributes, not a style attribute: the page's Content-Security-Policy
    // refuses inline styles even in a document of its own, and with no stylesheet in the
    // file the attributes decide the look just the same.
    for (const p of PROPS) {
      const v = cs.getPropertyValue(p);
      if (v) target.setAttribute(p, v);
    }
  });
  for (const gone of copy.querySelectorAll(LEFT_OUT)) gone.remove();
  // Every element of it: the computed styles copied above marked each one hidden.
  for (const shown of copy.querySelectorAll(`${SHOWN_IN_FILE}, ${SHOWN_IN_FILE} *`)) {
    shown.setAttribute('visibility', 'visible');
  }
  return copy;
}

function textEl(doc: XMLDocument, x: number, y: number, text: string, color: string): Element {
  const t = doc.createElementNS(SVG_NS, 'text');
  t.setAttribute('x', String(x));
  t.setAttribute('y', String(y));
  t.setAttribute('font-size', String(FONT_SIZE));
  t.setAttribute('font-family', getComputedStyle(document.body).fontFamily || 'sans-serif');
  t.setAttribute('dominant-baseline', 'central');
  t.setAttribute('fill', color);
  t.textContent = text;
  return t;
}

/** The legend's items as rows of icon and label at (x, y); returns the height drawn. */
function drawLegend(doc: XMLDocument, parent: Element, legend: Element, x: number): number {
  const color = getComputedStyle(legend).color || '#c9d3e3';
  let y = 0;
  const groups = legend.querySelectorAll('.legend-group');
  groups.forEach((group, gi) => {
    if (gi > 0) y += GROUP_GAP;
    for (const item of group.querySelectorAll('.legend-item')) {
      const icon = item.querySelector('svg');
      const label = (item.textContent ?? '').trim();
      if (icon) {
        const copy = importStyled(doc, icon);
        copy.setAttribute('x', String(x));
        copy.setAttribute('y', String(y + (ROW - ICON) / 2));
        copy.setAttribute('width', String(ICON));
        copy.setAttribute('height', String(ICON));
        copy.removeAttribute('aria-hidden');
        parent.append(copy);
      }
      parent.append(textEl(doc, x + ICON + 6, y + ROW / 2, label, color));
      y += ROW;
    }
  });
  return y;
}

/** The SVG's markup, with every element's computed look, the legend and the caption. */
export function serializeSvg(
  svg: SVGSVGElement,
  extras: ExportExtras = {},
): { text: string; width: number; height: number } {
  // The drawing is as big as it shows on screen, in the viewBox's proportions (the element's
  // box may be wider than the drawing it centres).
  const box = svg.getBoundingClientRect();
  const vb = svg.viewBox.baseVal;
  const hasVb = vb !== null && vb.width > 0 && vb.height > 0;
  const vw = hasVb ? vb.width : box.width || 800;
  const vh = hasVb ? vb.height : box.height || 800;
  const scale = Math.min((box.width || vw) / vw, (box.height || vh) / vh) || 1;
  const drawW = Math.round(vw * scale);
  const drawH = Math.round(vh * scale);

  const doc = document.implementation.createDocument(SVG_NS, 'svg', null);
  const root = doc.documentElement;
  const drawing = importStyled(doc, svg);
  drawing.setAttribute('x', '0');
  drawing.setAttribute('y', '0');
  drawing.setAttribute('width', String(drawW));
  drawing.setAttribute('height', String(drawH));
  if (!hasVb) drawing.setAttribute('viewBox', `0 0 ${vw} ${vh}`);

  const legend = doc.createElementNS(SVG_NS, 'g');
  legend.setAttribute('class', 'legend');
  legend.setAttribute('aria-label', 'legend');
  const legendH = extras.legend ? drawLegend(doc, legend, extras.legend, drawW + 12) : 0;
  const width = drawW + (legendH > 0 ? LEGEND_WIDTH : 0);
  const bodyH = Math.max(drawH, legendH);
  // The legend column is centred on the drawing's height, as on screen.
  legend.setAttribute(
    'transform',
    `translate(0 ${Math.max(0, Math.round((bodyH - legendH) / 2))})`,
  );
  const height = bodyH + (extras.caption ? CAPTION_HEIGHT : 0);

  const page = getComputedStyle(document.body);
  const bg = doc.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(height));
  bg.setAttribute('fill', page.backgroundColor || '#0d1016');
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.append(bg, drawing);
  if (legendH > 0) root.append(legend);
  if (extras.caption) {
    const caption = textEl(
      doc,
      12,
      bodyH + CAPTION_HEIGHT / 2,
      extras.caption,
      page.color || '#c9d3e3',
    );
    caption.setAttribute('class', 'caption');
    root.append(caption);
  }
  return { text: new XMLSerializer().serializeToString(root), width, height };
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function clusterSvg(): SVGSVGElement | null {
  return document.querySelector<SVGSVGElement>('svg.cluster');
}

/** The on-screen legend of the cluster view, drawn into exports. */
export function clusterLegend(): Element | null {
  return document.querySelector('.cluster-body .legend') ?? document.querySelector('.legend');
}

export function exportSvg(svg: SVGSVGElement, baseName: string, extras?: ExportExtras): void {
  const { text } = serializeSvg(svg, extras);
  saveBlob(new Blob([text], { type: 'image/svg+xml' }), `${baseName}.svg`);
}

export async function exportPng(
  svg: SVGSVGElement,
  baseName: string,
  extras?: ExportExtras,
): Promise<void> {
  const { text, width, height } = serializeSvg(svg, extras);
  const scale = 2;
  const img = new Image();
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the view could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) saveBlob(blob, `${baseName}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
