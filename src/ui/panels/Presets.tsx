/** One-click network faults: isolate the leader, split minority from majority, heal. */
import { useSim } from '../store/sim';
import { quorum } from '../format';

export function Presets() {
  const act = useSim((s) => s.act);
  const leader = useSim((s) => s.panel?.leader ?? null);
  const ids = useSim((s) => s.run?.nodes);
  const anyCut = useSim((s) => s.panel?.cut.some((row) => row.some(Boolean)) ?? false);
  if (!ids) return null;
  const minoritySize = ids.length - quorum(ids.length);
  const split = () => {
    // The leader (if any) goes into the minority: the interesting case.
    const order = leader ? [leader, ...ids.filter((i) => i !== leader)] : ids;
    const minority = order.slice(0, minoritySize);
    const majority = order.slice(minoritySize);
    act({ type: 'partition', groups: [minority, majority] });
  };
  return (
    <div className="presets" role="toolbar" aria-label="network presets">
      <button
        type="button"
        className="btn small"
        disabled={!leader}
        onClick={() => leader && act({ type: 'partition', groups: [[leader]] })}
        title="Cut every link of the current leader"
      >
        Isolate leader
      </button>
      <button
        type="button"
        className="btn small"
        disabled={minoritySize < 1}
        onClick={split}
        title="Partition into a minority (with the leader) and a majority"
      >
        Split {minoritySize} | {ids.length - minoritySize}
      </button>
      <button
        type="button"
        className="btn small"
        disabled={!anyCut}
        onClick={() => act({ type: 'heal' })}
        title="Bring every link back up (H)"
      >
        Heal all
      </button>
    </div>
  );
}
