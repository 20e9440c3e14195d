/**
 * The CAP view: the run and the same schedule under the protocol beside it (scenario
 * `compare`), drawn side by side at the same moment. One partition control: a link clicked
 * or a cut dragged on either side is one action, and the worker applies it to both runs; one
 * client workload (the same clients, seed and actions on both).
 */
import { useMemo } from 'react';
import { useSim } from '../../store/sim';
import type { Side } from '../../protocols/useProtocol';
import { ClusterView } from '../cluster/ClusterView';
import { Pacelc } from './Pacelc';
import { SideFigures } from './SideFigures';
import { pacelc } from './words';
import type { StoreSettings } from './words';
import './cap.css';

/** A side's facts from the run: title, routing and, for a leaderless store, its settings. */
export function useSideInfo(which: Side) {
  const run = useSim((s) => s.run);
  // Derived outside the store's selector: a new object per call would re-render forever.
  return useMemo(() => {
    if (!run) return null;
    if (which === 'main') {
      return { protocol: run.protocol, title: run.title, routing: run.routing, config: run.config };
    }
    const c = run.compare;
    return c
      ? { protocol: c.protocol, title: c.title, routing: c.routing, config: c.config }
      : null;
  }, [run, which]);
}

/** The store settings of a leaderless side, or null. */
export function storeSettings(side: { routing: string; config: unknown } | null) {
  return side?.routing === 'any-node' ? (side.config as StoreSettings) : null;
}

function CapSide({ which }: { which: Side }) {
  const side = useSideInfo(which);
  if (!side) return null;
  const place = pacelc(side.routing, storeSettings(side));
  const letter = place.partition === 'A' ? 'AP' : 'CP';
  return (
    <section className={`cap-side cap-${letter.toLowerCase()}`} aria-label={`${side.title} side`}>
      <header className="cap-side-head">
        <h3>
          {side.title} <span className={`cap-badge ${letter.toLowerCase()}`}>{letter}</span>
        </h3>
        <div className="cap-place">
          <Pacelc which={which} partition={place.partition} normal={place.normal} />
          <span className="muted cap-why">{place.why}</span>
        </div>
      </header>
      <div className="cap-canvas">
        <ClusterView which={which} />
      </div>
      <SideFigures which={which} />
    </section>
  );
}

export function CapStage() {
  return (
    <div className="cap-stage">
      <CapSide which="main" />
      <CapSide which="companion" />
    </div>
  );
}
