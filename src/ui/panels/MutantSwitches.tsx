/**
 * "Break a rule": the protocol's mutants as switches (issue 13). Each turns off one rule of
 * the protocol, named after it, with a sentence on what it breaks; flipping one re-runs the
 * run with the same seed and user actions to the same moment, so the invariant checkers and
 * the history checker can show what the rule was for.
 */
import { useEffect, useState } from 'react';
import { send } from '../store/channel';
import { useSim } from '../store/sim';

export function MutantSwitches() {
  const run = useSim((s) => s.run);
  // Open while the user has it open; a run loaded with mutations opens it by itself.
  const [open, setOpen] = useState(false);
  const mutated = (run?.mutations.length ?? 0) > 0;
  useEffect(() => {
    if (mutated) setOpen(true);
  }, [mutated]);
  if (!run || run.mutants.length === 0) return null;
  const on = new Set(run.mutations.map((m) => m.name));
  const toggle = (name: string, checked: boolean) => {
    const next = run.mutants.map((m) => m.name).filter((n) => (n === name ? checked : on.has(n)));
    send({ type: 'mutations', names: next });
  };
  return (
    <details
      className="mutants"
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>Break a rule{on.size > 0 ? ` (${on.size} broken)` : ''}</summary>
      <ul>
        {run.mutants.map((m) => (
          <li key={m.name}>
            <label className="check">
              <input
                type="checkbox"
                checked={on.has(m.name)}
                onChange={(e) => toggle(m.name, e.target.checked)}
              />{' '}
              <code>{m.name}</code>
            </label>
            <span className="muted">{m.description}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
