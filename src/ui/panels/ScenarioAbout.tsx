/** What the loaded scenario is about, and its script with the steps already done ticked. */
import { useClock } from '../store/clock';
import { useSim } from '../store/sim';
import { fmtTime } from '../format';
import { MutantSwitches } from './MutantSwitches';

function Script({ script }: { script: { at: number; text: string }[] }) {
  const time = useClock((s) => s.time);
  return (
    <ol className="script">
      {script.map((a, i) => (
        <li key={i} className={a.at <= time ? 'done' : ''}>
          <span className="script-at">{fmtTime(a.at)}</span>
          <span>{a.text}</span>
        </li>
      ))}
    </ol>
  );
}

export function ScenarioAbout() {
  const run = useSim((s) => s.run);
  if (!run) return null;
  return (
    <section className="panel about" aria-label="about this scenario">
      <h2>{run.name}</h2>
      {run.mutations.length > 0 && (
        <ul className="about-warnings" aria-label="mutations">
          {run.mutations.map((m) => (
            <li key={m.name}>
              Mutated: <b>{m.name}</b> — {m.description}
            </li>
          ))}
        </ul>
      )}
      {run.warnings.length > 0 && (
        <ul className="about-warnings" aria-label="warnings">
          {run.warnings.map((w) => (
            <li key={w}>⚠ {w}</li>
          ))}
        </ul>
      )}
      {run.description && <p className="about-text">{run.description}</p>}
      {run.script.length > 0 && <Script script={run.script} />}
      <MutantSwitches />
    </section>
  );
}
