/** The inspector: details and actions for the selected server or message. */
import { useSim } from '../store/sim';
import { useUi } from '../store/ui';
import { useClock } from '../store/clock';
import { fmtMs, fmtTime, quorum } from '../format';
import { MESSAGE_STYLE, roleColor, termColor } from '../theme';
import type { NodeView } from '../../worker/protocol';

const PAUSE_MS = 1000;

export function Inspector() {
  const selection = useUi((s) => s.selection);
  return (
    <section className="panel inspector" aria-label="inspector">
      {selection?.kind === 'node' ? (
        <NodeInspector id={selection.id} />
      ) : selection?.kind === 'message' ? (
        <MessageInspector id={selection.id} />
      ) : (
        <div className="empty">
          <h2>Inspector</h2>
          <p className="muted">
            Click a <strong>server</strong> to see its Raft state and crash, pause or time it out.
            Click a <strong>message</strong> dot to read or drop it. Click a <strong>link</strong>{' '}
            to cut it, or drag across the ring to draw a partition.
          </p>
          <InFlightList />
        </div>
      )}
    </section>
  );
}

function TimerLeft({ node }: { node: NodeView }) {
  const time = useClock((s) => s.time);
  if (node.electionDeadline === null) return <>—</>;
  return <>{fmtMs(Math.max(0, node.electionDeadline - time))}</>;
}

function NodeInspector({ id }: { id: string }) {
  const node = useSim((s) => s.panel?.nodes.find((n) => n.id === id));
  const detail = useSim((s) => (s.panel?.node?.id === id ? s.panel.node : null));
  const n = useSim((s) => s.panel?.nodes.length ?? 0);
  const act = useSim((s) => s.act);
  if (!node) return <p className="muted">No server {id} in this run.</p>;
  const role = node.up ? node.role : 'crashed';
  const paused = node.up && node.pausedUntil > 0;
  return (
    <div>
      <h2 className="inspector-title">
        <span
          className="role-dot"
          style={{ background: roleColor(node.up ? node.role : 'down') }}
        />
        {node.id}
        <span className="role-name">{role}</span>
        {paused && <span className="chip warn">paused</span>}
        <span className="chip" style={{ color: termColor(node.term) }}>
          term {node.term}
        </span>
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
          title="Behave as if the election timer fired now"
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
      </div>
      <dl className="facts">
        <dt>role</dt>
        <dd>{role}</dd>
        <dt>currentTerm</dt>
        <dd>{node.term}</dd>
        <dt>votedFor</dt>
        <dd>{node.votedFor ?? '—'}</dd>
        <dt>leader known</dt>
        <dd>{node.leaderId ?? '—'}</dd>
        <dt>commitIndex</dt>
        <dd>{node.commitIndex}</dd>
        <dt>lastApplied</dt>
        <dd>{node.lastApplied}</dd>
        <dt>log length</dt>
        <dd>{node.logLength}</dd>
        <dt>election timer</dt>
        <dd>
          <TimerLeft node={node} />
        </dd>
        {node.role === 'candidate' && (
          <>
            <dt>votes</dt>
            <dd>
              {node.votes.length} of {quorum(n)} needed ({node.votes.join(', ') || 'none'})
            </dd>
          </>
        )}
        {detail && (
          <>
            <dt>kv keys</dt>
            <dd>{detail.kvSize}</dd>
          </>
        )}
      </dl>
      {detail?.nextIndex && detail.matchIndex && (
        <table className="replication">
          <caption>Leader’s view of each follower</caption>
          <thead>
            <tr>
              <th>server</th>
              <th>nextIndex</th>
              <th>matchIndex</th>
            </tr>
          </thead>
          <tbody>
            {Object.keys(detail.nextIndex).map((peer) => (
              <tr key={peer}>
                <td>{peer}</td>
                <td>{detail.nextIndex![peer]}</td>
                <td>{detail.matchIndex![peer] ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {detail && (
        <div className="log-list" aria-label={`log of ${id}`}>
          <h3>
            Log{' '}
            <span className="muted">
              (newest {detail.log.length} of {node.logLength})
            </span>
          </h3>
          {detail.log.length === 0 && <p className="muted">empty</p>}
          <ol>
            {[...detail.log].reverse().map((e) => {
              const committed = e.index <= node.commitIndex;
              return (
                <li key={e.index} className={committed ? 'committed' : 'uncommitted'}>
                  <span className="idx">{e.index}</span>
                  <span className="term-pill" style={{ background: termColor(e.term) }}>
                    {e.term}
                  </span>
                  <span className="cmd">{e.command}</span>
                  <span className="state">{committed ? 'committed' : 'uncommitted'}</span>
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </div>
  );
}

function MessageInspector({ id }: { id: number }) {
  const m = useSim((s) => s.panel?.messages.find((x) => x.id === id));
  const detail = useSim((s) => (s.panel?.message?.id === id ? s.panel.message : null));
  const act = useSim((s) => s.act);
  const time = useClock((s) => s.time);
  if (!m) {
    return (
      <div>
        <h2>Message {id}</h2>
        <p className="muted">No longer in flight: it was delivered or dropped.</p>
      </div>
    );
  }
  const st = MESSAGE_STYLE[m.cls];
  const progress = Math.max(
    0,
    Math.min(1, (time - m.sentAt) / Math.max(1e-9, m.deliverAt - m.sentAt)),
  );
  return (
    <div>
      <h2 className="inspector-title">
        Message {m.id}
        <span className="role-name">
          {m.cls === 'append' ? `AppendEntries ×${m.entries}` : st.label}
        </span>
      </h2>
      <dl className="facts">
        <dt>kind</dt>
        <dd>{m.kind}</dd>
        <dt>route</dt>
        <dd>
          {m.from} → {m.to}
        </dd>
        {m.term !== null && (
          <>
            <dt>term</dt>
            <dd>{m.term}</dd>
          </>
        )}
        <dt>sent at</dt>
        <dd>{fmtTime(m.sentAt)}</dd>
        <dt>arrives at</dt>
        <dd>{fmtTime(m.deliverAt)}</dd>
        <dt>progress</dt>
        <dd>{Math.round(progress * 100)}%</dd>
      </dl>
      <div className="actions">
        <button
          type="button"
          className="btn danger"
          onClick={() => act({ type: 'drop', message: m.id })}
        >
          Drop message {m.id}
        </button>
      </div>
      {detail && <pre className="payload">{detail.payload}</pre>}
    </div>
  );
}

const IN_FLIGHT_SHOWN = 6;

/** The first messages in flight as buttons: the keyboard way to pick a message. */
function InFlightList() {
  const messages = useSim((s) => s.panel?.messages);
  const select = useUi((s) => s.select);
  if (!messages || messages.length === 0) return null;
  return (
    <div className="in-flight">
      <h3>
        In flight <span className="muted">({messages.length})</span>
      </h3>
      <ul>
        {messages.slice(0, IN_FLIGHT_SHOWN).map((m) => (
          <li key={m.id}>
            <button
              type="button"
              className="linkish"
              onClick={() => select({ kind: 'message', id: m.id })}
            >
              #{m.id} {m.from} → {m.to} · {MESSAGE_STYLE[m.cls].label}
              {m.term === null ? '' : ` · term ${m.term}`}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
