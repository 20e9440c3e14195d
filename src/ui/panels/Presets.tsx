/** One-click network faults: the protocol's presets (isolate the leader, split a minority), heal. */
import { useSim } from '../store/sim';
import { useServerIds } from '../store/servers';
import { useProtocol } from '../protocols/useProtocol';

export function Presets() {
  const act = useSim((s) => s.act);
  const leader = useSim((s) => s.panel?.leader ?? null);
  const ids = useServerIds();
  const anyCut = useSim((s) => s.panel?.cut.some((row) => row.some(Boolean)) ?? false);
  const protocol = useProtocol();
  if (!ids) return null;
  return (
    <div className="presets" role="toolbar" aria-label="network presets">
      {protocol.presets({ ids, leader }).map((p) => (
        <button
          key={p.label}
          type="button"
          className="btn small"
          disabled={p.action === null}
          onClick={() => p.action && act(p.action)}
          title={p.title}
        >
          {p.label}
        </button>
      ))}
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
