/** Sharing and exporting the run: copy its link, export the scenario, the view as SVG or PNG. */
import { useState } from 'react';
import { shareUrl } from '../store/hash';
import { useSim } from '../store/sim';
import { clusterLegend, clusterSvg, exportPng, exportSvg, momentCaption } from './exportView';

/**
 * Resolves once the drawing shows a paused snapshot (its messages' SVG glyphs are drawn then,
 * MessageLayer) and a frame has rendered it, or after about a second whatever happens.
 */
function untilStill(): Promise<void> {
  return new Promise((done) => {
    let frames = 60;
    const tick = () => {
      const still = useSim.getState().snap?.playing === false;
      if (still || --frames <= 0) requestAnimationFrame(() => done());
      else requestAnimationFrame(tick);
    };
    tick();
  });
}

const VIEW_FORMATS = [
  { name: 'SVG', save: exportSvg },
  { name: 'PNG', save: exportPng },
] as const;

export function ShareBar() {
  const exportScenario = useSim((s) => s.exportScenario);
  const run = useSim((s) => s.run);
  const [copied, setCopied] = useState<string | null>(null);
  const base = `${(run?.name ?? 'run').toLowerCase().replace(/[^a-z0-9]+/g, '-')}-view`;
  const copy = async () => {
    const url = shareUrl();
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied');
    } catch {
      // No clipboard permission (an insecure origin, a headless browser): show the address so
      // it can be copied by hand; the address bar holds it too.
      setCopied(url);
    }
  };
  return (
    <div className="share-bar" role="toolbar" aria-label="share and export">
      <button type="button" className="btn small" onClick={() => void copy()}>
        Copy link
      </button>
      <button type="button" className="btn small" onClick={exportScenario}>
        Export scenario
      </button>
      {VIEW_FORMATS.map(({ name, save }) => (
        <button
          key={name}
          type="button"
          className="btn small"
          onClick={async () => {
            // Playing, messages are only painted on the canvas; paused, their SVG glyphs are
            // drawn (MessageLayer), and the file shows one moment: pause and let it render.
            if (useSim.getState().playing || useSim.getState().snap?.playing) {
              useSim.getState().pause();
              await untilStill();
            }
            const svg = clusterSvg();
            if (!svg) return;
            // The moment the drawing shows (the cluster draws the latest snapshot).
            const { snap, run: shown } = useSim.getState();
            const caption = momentCaption(
              snap?.time ?? 0,
              snap?.eventId ?? null,
              shown?.name ?? null,
            );
            void save(svg, base, { legend: clusterLegend(), caption });
          }}
        >
          Export {name}
        </button>
      ))}
      {copied !== null && (
        <output className="share-copied" aria-label="copied link">
          {copied}
        </output>
      )}
    </div>
  );
}
