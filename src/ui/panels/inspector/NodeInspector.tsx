/** The selected server: generic header and actions, its timers, and the protocol's facts. */
import type { TimerView } from '../../../worker/protocol';
import { useClock } from '../../store/clock';
import { useSim } from '../../store/sim';
import { useReadableSim } from '../../store/readable';
import { fmtMs } from '../../format';
import { epochColor } from '../../theme';
import { DOWN, roleStyle } from '../../protocols/common';
import { useProtocol } from '../../protocols/useProtocol';
import { timerNamed, timerNames } from '../../timers';
import { RemoveServerButton } from '../../views/cluster/MembershipControls';

const PAUSE_MS = 1000;

function TimerLeft({ timer }: { timer: TimerView | null }) {
  const time = useClock((s) => s.time);
  if (!timer) return <>—</>;
  return <>{fmtMs(Math.max(0, timer.due - time))}</>;
}

export function NodeInspector({ id }: { id: string }) {
  const nodes = useReadableSim((s) => s.panel?.nodes);
  const view = useReadableSim((s) => s.panel?.view);
  const detail = useReadableSim((s) => (s.panel?.node?.id === id ? s.panel.node.detail : null));
  const run = useSim((s) => s.run);
  const act = useSim((s) => s.act);
  const protocol = useProtocol();
  const index = nodes?.findIndex((n) => n.id === id) ?? -1;
  const node = nodes?.[index];
  if (!nodes || !node || !run) return <p className="muted">No server {id} in this run.</p>;
  const role = node.up ? node.role : 'crashed';
  const paused = node.up && node.pausedUntil > 0;
  const { NodeFacts, NodeSection } = protocol;
  const section = { node, index, nodes, view, detail, run };
  return (
    <div>
      <h2 className="inspector-title">
        <span
          className="role-dot"
          style={{ background: roleStyle(protocol.palette, node.up ? node.role : DOWN).color }}
        />
        {node.id}
        <span className="role-name">{role}</span>
        {paused && <span className="chip warn">paused</span>}
        {node.epoch !== null && (
          <span className="chip" style={{ color: epochColor(node.epoch) }}>
            {run.epochName} {node.epoch}
          </span>
        )}
      </h2>
      <div className="actions">
        {node.up ? (
          <button
            type="button"
            className="btn danger"
            onClick={() => act({ type: 'crash', node: id })}
          >
            Crash {id}
          </button>
        ) : (
          <button type="button" className="btn" onClick={() => act({ type: 'restart', node: id })}>
            Restart {id}
          </button>
        )}
        <button
          type="button"
          className="btn"
          disabled={!node.up}
          onClick={() => act({ type: 'pause', node: id, duration: PAUSE_MS })}
          title={`Stall the process for ${PAUSE_MS} ms of virtual time (like a GC pause)`}
        >
          Pause {id}
        </button>
        <button
          type="button"
          className="btn"
          disabled={!node.up || paused}
          onClick={() => act({ type: 'timeout', node: id })}
          title={`Behave as if the ${run.timeoutTimer} timer fired now`}
        >
          Force timeout on {id}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() =>
            act({
              type: 'request',
              node: id,
              op: { type: 'put', key: 'x', value: String(Math.floor(Math.random() * 1000)) },
            })
          }
          title="Send a put x=… from the user client to this server"
        >
          Send request to {id}
        </button>
        <RemoveServerButton id={id} />
      </div>
      <dl className="facts">
        <dt>role</dt>
        <dd>{role}</dd>
        {view !== undefined && NodeFacts && <NodeFacts {...section} />}
        {node.up &&
          timerNames(node, protocol.arcTimer).map((name) => (
            <TimerFact key={name} name={name} timer={timerNamed(node.timers, name)} />
          ))}
      </dl>
      {view !== undefined && NodeSection && <NodeSection {...section} />}
    </div>
  );
}

function TimerFact({ name, timer }: { name: string; timer: TimerView | null }) {
  return (
    <>
      <dt>{name} timer</dt>
      <dd>
        <TimerLeft timer={timer} />
      </dd>
    </>
  );
}
