/**
 * The servers of the run at the moment shown: the scenario's, plus those that joined since
 * (add-server). Views that list servers read this rather than RunInfo.nodes, which holds
 * the servers the run started with. A stable array: it changes only when the set does.
 */
import { useMemo } from 'react';
import { useSim } from './sim';

export function useServerIds(): string[] | undefined {
  const key = useSim((s) =>
    s.panel ? s.panel.nodes.map((n) => n.id).join(',') : s.run?.nodes.join(','),
  );
  return useMemo(() => (key === undefined || key === '' ? undefined : key.split(',')), [key]);
}
