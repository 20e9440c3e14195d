/**
 * Test helpers: the lab's real snapshots of a shipped scenario, from the worker's Session (the
 * engine's own describe, kind and view), so the tests see the classes and views the lab sees.
 */
import { readFileSync } from 'node:fs';
import { Session } from '../../../../worker/session';
import type { Snapshot } from '../../../../worker/protocol';

export function openScenario(file: string): Session {
  const text = readFileSync(`public/scenarios/${file}`, 'utf8');
  const r = Session.fromText(text, file, 1);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.session;
}

export const NO_VIEW = { node: null, message: null, windowEnd: null };

/** Steps through the scenario up to `until` ms, a snapshot after every event. */
export function* snapshots(s: Session, until: number): Generator<Snapshot> {
  while (s.time < until && s.step()) yield s.snapshot(NO_VIEW, false, 1);
}

/** Every message class and kind put on the wire up to `until` ms, besides client traffic. */
export function wireClasses(file: string, until: number): { classes: string[]; kinds: string[] } {
  const classes = new Set<string>();
  const kinds = new Set<string>();
  for (const snap of snapshots(openScenario(file), until)) {
    for (const m of snap.messages) {
      if (m.client) continue;
      classes.add(m.cls);
      kinds.add(m.kind);
    }
  }
  return { classes: [...classes].sort(), kinds: [...kinds].sort() };
}
