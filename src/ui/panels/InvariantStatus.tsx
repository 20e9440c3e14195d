/** Green while every invariant holds; red with the violation's own sentence when one breaks. */
import { useSim } from '../store/sim';
import { fmtTime } from '../format';

export function InvariantStatus() {
  const violations = useSim((s) => s.panel?.violations);
  const names = useSim((s) => s.run?.invariants);
  if (!violations || !names) return null;
  const ok = violations.length === 0;
  return (
    <section
      className={`panel invariants ${ok ? 'ok' : 'bad'}`}
      role="status"
      aria-label={ok ? 'invariants hold' : 'invariant violated'}
    >
      {ok ? (
        <>
          <span className="inv-icon" aria-hidden="true">
            ✓
          </span>
          <div>
            <strong>
              {names.length > 0 ? `All ${names.length} invariants hold` : 'No invariant checkers'}
            </strong>
            {names.length > 0 && (
              <div className="inv-names" title={names.join('\n')}>
                {names.join(' · ')}
              </div>
            )}
          </div>
        </>
      ) : (
        <>
          <span className="inv-icon" aria-hidden="true">
            !
          </span>
          <div>
            <strong>
              {violations.length} invariant violation{violations.length === 1 ? '' : 's'}
            </strong>
            <ul>
              {violations.slice(0, 4).map((v, i) => (
                <li key={i}>
                  <b>{v.invariant}</b>: {v.message}{' '}
                  <span className="muted">
                    (at {fmtTime(v.time)}, event #{v.eventId})
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </>
      )}
    </section>
  );
}
