/**
 * "Export view": the cluster SVG as a standalone file (computed styles inlined, since the
 * page's stylesheet does not travel with it) and as a PNG drawn from that SVG on a canvas.
 */

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

/** The SVG's markup with every element's computed look written into its style attribute. */
export function serializeSvg(svg: SVGSVGElement): { text: string; width: number; height: number } {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((el, i) => {
    const target = dst[i];
    if (!(target instanceof SVGElement)) return;
    const cs = getComputedStyle(el);
    const style = PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    target.setAttribute('style', style);
  });
  // The file is as big as the drawing shows on screen, in the viewBox's proportions (the
  // element's box may be wider than the drawing it centres).
  const box = svg.getBoundingClientRect();
  const vb = svg.viewBox.baseVal;
  const hasVb = vb !== null && vb.width > 0 && vb.height > 0;
  const vw = hasVb ? vb.width : box.width || 800;
  const vh = hasVb ? vb.height : box.height || 800;
  const scale = Math.min((box.width || vw) / vw, (box.height || vh) / vh) || 1;
  const width = Math.round(vw * scale);
  const height = Math.round(vh * scale);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const bg = getComputedStyle(document.body).backgroundColor || '#0d1016';
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  rect.setAttribute('x', String(hasVb ? vb.x : 0));
  rect.setAttribute('y', String(hasVb ? vb.y : 0));
  rect.setAttribute('width', String(vw));
  rect.setAttribute('height', String(vh));
  rect.setAttribute('fill', bg);
  clone.insertBefore(rect, clone.firstChild);
  return { text: new XMLSerializer().serializeToString(clone), width, height };
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

export function exportSvg(svg: SVGSVGElement, baseName: string): void {
  const { text } = serializeSvg(svg);
  saveBlob(new Blob([text], { type: 'image/svg+xml' }), `${baseName}.svg`);
}

export async function exportPng(svg: SVGSVGElement, baseName: string): Promise<void> {
  const { text, width, height } = serializeSvg(svg);
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
