/** Network presets a protocol with a distinguished node can offer (isolate it, split a minority). */
import { majority } from './common';
import type { Preset, PresetContext } from './types';

/** Cut every link of the node that leads. */
export function isolateLeader({ leader }: PresetContext): Preset {
  return {
    label: 'Isolate leader',
    title: 'Cut every link of the current leader',
    action: leader ? { type: 'partition', groups: [[leader]] } : null,
  };
}

/** Split the servers into a minority (the leader first, if any: the interesting case) and a majority. */
export function splitMinority({ ids, leader }: PresetContext): Preset {
  const minoritySize = ids.length - majority(ids.length);
  const order = leader ? [leader, ...ids.filter((i) => i !== leader)] : [...ids];
  return {
    label: `Split ${minoritySize} | ${ids.length - minoritySize}`,
    title: 'Partition into a minority (with the leader) and a majority',
    action:
      minoritySize < 1
        ? null
        : { type: 'partition', groups: [order.slice(0, minoritySize), order.slice(minoritySize)] },
  };
}
