/** The selected message (its route, epoch, timing, payload), and the keyboard list of messages. */
import { useClock } from '../../store/clock';
import { useSim } from '../../store/sim';
import { useUi } from '../../store/ui';
import { fmtTime } from '../../format';
import { useEpochName } from '../../protocols/useProtocol';

export function MessageInspector({ id }: { id: number }) {
  const m = useSim((s) => s.panel?.messages.find((x) => x.id === id));
  const detail = useSim((s) => (s.panel?.message?.id === id ? s.panel.message : null));
  const act = useSim((s) => s.act);
  const epochName = useEpochName();
  const time = useClock((s) => s.time);
  if (!m) {
    return (
      <div>
        <h2>Message {id}</h2>
        <p className="muted">No longer in flight: it was delivered or dropped.</p>
      </div>
    );
  }
  const progress = Math.max(
    0,
    Math.min(1, (time - m.sentAt) / Math.max(1e-9, m.deliverAt - m.sentAt)),
  );
  return (
    <div>
      <h2 className="inspector-title">
        Message {m.id}
        <span className="role-name">{m.label}</span>
      </h2>
      <dl className="facts">
        <dt>kind</dt>
        <dd>{m.kind}</dd>
        <dt>route</dt>
        <dd>
          {m.from} → {m.to}
        </dd>
        {m.epoch !== null && (
          <>
            <dt>{epochName}</dt>
            <dd>{m.epoch}</dd>
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
      {detail && (
        <pre className="payload" tabIndex={0} aria-label={`payload of message ${m.id}`}>
          {detail.payload}
        </pre>
      )}
    </div>
  );
}

export const IN_FLIGHT_SHOWN = 4;

/**
 * The first messages in flight as buttons: the keyboard way to pick a message. Its height
 * never changes (always IN_FLIGHT_SHOWN one-line rows), so the panels below it do not move
 * while the run plays.
 */
export function InFlightList() {
  const messages = useSim((s) => s.panel?.messages);
  const select = useUi((s) => s.select);
  const epochName = useEpochName();
  const list = messages ?? [];
  return (
    <div className="in-flight">
      <h3>
        In flight <span className="muted">({list.length})</span>
      </h3>
      <ul aria-label="messages in flight">
        {list.slice(0, IN_FLIGHT_SHOWN).map((m) => (
          <li key={m.id}>
            <button
              type="button"
              className="linkish"
              onClick={() => select({ kind: 'message', id: m.id })}
            >
              #{m.id} {m.from} → {m.to} · {m.label}
              {m.epoch === null ? '' : ` · ${epochName} ${m.epoch}`}
            </button>
          </li>
        ))}
        {list.length === 0 && <li className="muted">none right now</li>}
      </ul>
    </div>
  );
}
