/**
 * The load balancer in the inspector: the backend's workers, queue and counters, its speed
 * (with buttons to slow it down and restore it: the `speed` action) and its health as the
 * balancer sees it. A crashed backend shows its counters and speed (they persist); its queue
 * was lost.
 */
import type { LbDetail, LbView } from '../../../engine/protocols/loadbalancer/view';
import { useClock } from '../../store/clock';
import { useSim } from '../../store/sim';
import type { NodeSectionProps } from '../types';
import { lbConfigOf } from './config';
import { speedText } from './decor';
import { healthText, pct, queueText, SPEED_CHOICES, workersText } from './inspect';

type Props = NodeSectionProps<LbView, LbDetail>;

function Health({ view, index }: { view: LbView; index: number }) {
  const now = useClock((s) => s.time);
  return <>{healthText(view.seen?.[index], now)}</>;
}

export function LbFacts({ node, index, view, run }: Props) {
  const b = view.backends[index];
  if (!b) return null;
  const cap = lbConfigOf(run)?.queue ?? null;
  const seen = view.seen?.[index];
  return (
    <>
      <dt>workers</dt>
      <dd>{node.up ? workersText(b.inService, b.workers) : 'lost in the crash'}</dd>
      <dt>queue</dt>
      <dd>{node.up ? queueText(b.waiting, cap) : 'lost in the crash'}</dd>
      <dt>served</dt>
      <dd>{b.served}</dd>
      <dt>refused (503)</dt>
      <dd>{b.rejected}</dd>
      <dt>longest queue</dt>
      <dd>{b.maxQueue}</dd>
      <dt>utilisation</dt>
      <dd>{pct(view.utilisation[index])} since the start</dd>
      <dt>speed</dt>
      <dd>
        {b.speed === 1
          ? 'normal'
          : `${speedText(b.speed)} (service takes ${Number((1 / b.speed).toFixed(2))}× as long)`}
      </dd>
      <dt>health (balancer)</dt>
      <dd>
        <Health view={view} index={index} />
      </dd>
      {seen && (
        <>
          <dt>balancer sent</dt>
          <dd>
            {seen.sent} · {seen.outstanding} awaited · {seen.failed} failed
          </dd>
        </>
      )}
    </>
  );
}

/** Slow the backend down or bring it back to speed (the `speed` action, at the cursor). */
export function LbSpeed({ node, index, view }: Props) {
  const act = useSim((s) => s.act);
  const speed = view.backends[index]?.speed ?? 1;
  return (
    <div className="actions lb-speed" role="group" aria-label={`speed of ${node.id}`}>
      {SPEED_CHOICES.map((f) => (
        <button
          key={f}
          type="button"
          className="btn"
          disabled={f === speed}
          aria-pressed={f === speed}
          onClick={() => act({ type: 'speed', node: node.id, factor: f })}
          title={
            f === 1
              ? `Serve at normal speed again`
              : `Serve at ${speedText(f)} speed from now on (a noisy neighbour, a failing disk)`
          }
        >
          {f === 1 ? `Normal speed` : `Slow ${node.id} to ${speedText(f)}`}
        </button>
      ))}
    </div>
  );
}
