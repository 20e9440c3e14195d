/** WCAG 2 relative luminance and contrast ratio of #rrggbb colours (palette tests use it). */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The lab's dark page and panel (styles.css --bg, --panel), where the cluster is drawn. */
export const DARK_BACKGROUNDS = ['#0d1016', '#141923'];
