/** The inspector: details and actions for the selected server or message. */
import { useUi } from '../store/ui';
import { useSim } from '../store/sim';
import { InFlightList, MessageInspector } from './inspector/MessageInspector';
import { NodeInspector } from './inspector/NodeInspector';

export function Inspector() {
  const selection = useUi((s) => s.selection);
  const title = useSim((s) => s.run?.title);
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
            Click a <strong>server</strong> for its {title ? `${title} ` : ''}state and actions, a{' '}
            <strong>message</strong> to read or drop it, a <strong>link</strong> to cut it; drag
            across the ring to draw a partition.
          </p>
          <InFlightList />
        </div>
      )}
    </section>
  );
}
