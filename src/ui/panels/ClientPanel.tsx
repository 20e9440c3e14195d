/** Client requests by hand (put/get to a server or the leader) and the generated workload. */
import { useEffect, useRef, useState } from 'react';
import { LIMITS } from '../../engine/input/limits';
import { useSim } from '../store/sim';
import { useReadableSim } from '../store/readable';
import { useServerIds } from '../store/servers';
import { fmtMs } from '../format';

export function ClientPanel() {
  const ids = useServerIds();
  const userOps = useReadableSim((s) => s.panel?.userOps);
  const workload = useSim((s) => s.panel?.workload);
  const act = useSim((s) => s.act);
  const [target, setTarget] = useState('leader');
  const [op, setOp] = useState<'put' | 'get'>('put');
  const [key, setKey] = useState('x');
  const [value, setValue] = useState('1');
  // The checkbox shows the user's choice at once, until the worker's snapshot agrees.
  const [pendingOn, setPendingOn] = useState<boolean | null>(null);
  if (pendingOn !== null && workload && workload.enabled === pendingOn) setPendingOn(null);
  // The rate while its slider is dragged: one action when it is let go, not one per step.
  // (The native `change` event fires on release, and once per key press: React's onChange
  // is the `input` event, which fires on every step of a drag.) The draft is shown until the
  // worker's snapshot agrees.
  const [draftRate, setDraftRate] = useState<number | null>(null);
  if (draftRate !== null && workload && workload.rate === draftRate) setDraftRate(null);
  const rateRef = useRef<HTMLInputElement>(null);
  const draftRef = useRef<number | null>(null);
  const hasWorkload = workload !== undefined;
  useEffect(() => {
    const el = rateRef.current;
    if (!el) return;
    const onChange = () => {
      const rate = draftRef.current;
      const w = useSim.getState().panel?.workload;
      if (rate === null || !w || rate === w.rate) return;
      useSim.getState().act({ type: 'workload', enabled: w.enabled, rate });
    };
    el.addEventListener('change', onChange);
    return () => el.removeEventListener('change', onChange);
  }, [hasWorkload]);
  const shownRate = draftRate ?? workload?.rate ?? 1;

  const send = () => {
    const k = key.trim() || 'x';
    act({
      type: 'request',
      node: target,
      op: op === 'put' ? { type: 'put', key: k, value } : { type: 'get', key: k },
    });
    if (op === 'put' && /^\d+$/.test(value)) setValue(String(Number(value) + 1));
  };

  return (
    <section className="panel client-panel" aria-label="client">
      <h2>Client</h2>
      <form
        className="client-form"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <select
          aria-label="operation"
          value={op}
          onChange={(e) => setOp(e.target.value as 'put' | 'get')}
        >
          <option value="put">put</option>
          <option value="get">get</option>
        </select>
        <input
          aria-label="key"
          value={key}
          maxLength={LIMITS.key}
          onChange={(e) => setKey(e.target.value)}
          size={4}
        />
        {op === 'put' && (
          <input
            aria-label="value"
            value={value}
            maxLength={LIMITS.text}
            onChange={(e) => setValue(e.target.value)}
            size={5}
          />
        )}
        <span className="muted">to</span>
        <select aria-label="send to" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="leader">the leader</option>
          {ids?.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
        <button type="submit" className="btn primary small">
          Send
        </button>
      </form>
      {userOps && userOps.length > 0 && (
        <ol className="ops" aria-label="your requests">
          {[...userOps].reverse().map((o) => {
            const done = o.completedAt !== null;
            const status = !done ? 'pending' : o.ok ? 'ok' : 'failed';
            return (
              <li key={o.id} className={`op ${status}`}>
                <span className="op-what">
                  {o.op} {o.key}
                  {o.op === 'put' ? `=${o.value}` : ''}
                </span>
                <span className="op-result">
                  {!done
                    ? 'waiting…'
                    : o.ok
                      ? `ok${o.op === 'get' ? ` → ${o.result ?? 'nil'}` : ''}`
                      : o.result}
                </span>
                <span className="op-latency">
                  {done ? fmtMs(o.completedAt! - o.invokedAt) : ''}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {workload && (
        <div className="workload">
          <label className="toggle">
            <input
              type="checkbox"
              aria-label="workload"
              checked={pendingOn ?? workload.enabled}
              disabled={workload.clients === 0}
              onChange={(e) => {
                setPendingOn(e.target.checked);
                act({ type: 'workload', enabled: e.target.checked });
              }}
            />
            <span>
              Workload: {workload.clients} client{workload.clients === 1 ? '' : 's'}
            </span>
          </label>
          <label className="rate">
            <span className="muted">rate</span>
            <input
              type="range"
              aria-label="workload rate"
              aria-valuetext={`${shownRate} operations per second per client`}
              min={0}
              max={Math.log10(200)}
              step={0.05}
              value={Math.log10(Math.max(1, shownRate))}
              ref={rateRef}
              onChange={(e) => {
                draftRef.current = Math.round(10 ** Number(e.target.value));
                setDraftRate(draftRef.current);
              }}
            />
            <output>{shownRate}/s</output>
          </label>
          <div className="workload-stats">
            <span>
              <b className="ok">{workload.ok}</b> ok
            </span>
            <span>
              <b className="fail">{workload.failed}</b> failed
            </span>
            <span>
              <b>{workload.pending}</b> pending
            </span>
            <span>p50 {fmtMs(workload.p50)}</span>
            <span>p99 {fmtMs(workload.p99)}</span>
          </div>
        </div>
      )}
    </section>
  );
}
