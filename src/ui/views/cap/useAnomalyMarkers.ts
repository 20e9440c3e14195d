/**
 * The anomalies of both sides as timeline markers (kind "anomaly"): the moment the read that
 * revealed each one completed, labelled with its side and kind. Anomalies with no event to
 * point at (replicas that diverged) are in the anomaly list only.
 */
import { useMemo } from 'react';
import type { Marker } from '../../../engine/analysis/markers';
import type { AnomalyView } from '../../../worker/protocol';
import { useSim } from '../../store/sim';
import { kindName } from './words';

export function anomalyMarkers(
  sides: readonly { title: string; anomalies: readonly AnomalyView[] | null }[],
): Marker[] {
  const out: Marker[] = [];
  for (const { title, anomalies } of sides) {
    for (const a of anomalies ?? []) {
      if (a.eventId === null) continue;
      out.push({
        time: a.time,
        eventId: a.eventId,
        kind: 'anomaly',
        label: `${title}: ${kindName(a.kind)} on ${a.key}`,
      });
    }
  }
  return out.sort((a, b) => a.time - b.time || a.eventId - b.eventId);
}

/** The timeline's markers with the anomalies merged in, in time order. */
export function useWithAnomalies(markers: readonly Marker[]): readonly Marker[] {
  const main = useSim((s) => s.panel?.consistency?.anomalies ?? null);
  const twin = useSim((s) => s.panel?.companion?.consistency?.anomalies ?? null);
  const mainTitle = useSim((s) => s.run?.title ?? '');
  const twinTitle = useSim((s) => s.run?.compare?.title ?? '');
  return useMemo(() => {
    const extra = anomalyMarkers([
      { title: mainTitle, anomalies: main },
      { title: twinTitle, anomalies: twin },
    ]);
    if (extra.length === 0) return markers;
    return [...markers, ...extra].sort((a, b) => a.time - b.time || a.eventId - b.eventId);
  }, [markers, main, twin, mainTitle, twinTitle]);
}
