/**
 * Opening a link (issue 16, item 7): whatever moment a link names, rebuilding it computes no
 * more than the run (its duration, the lab's event budget), and the lab's own links open.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../engine/scenario';
import type { Scenario } from '../engine/scenario';
import { encodeRunLink } from '../engine/share/link';
import { defaultScenarioJson } from './defaultScenario';
import { Session } from './session';

function scenario(duration: number): Scenario {
  const r = parseScenario({
    protocol: 'raft',
    nodes: 5,
    seed: 2,
    duration,
    workload: { clients: 2, rate: 10 },
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

function openLink(text: string): Session {
  const r = Session.fromLink(text, 1);
  if (!r.ok) throw new Error(r.error);
  return r.session;
}

describe('Session.fromLink within the run', () => {
  it('a cursor event far past the run opens at the end of the run', () => {
    const s = scenario(3000);
    for (const cursorEvent of [60_000, 1e9, 1e15]) {
      const session = openLink(
        encodeRunLink({ scenario: s, userActions: [], cursorTime: 0, cursorEvent }),
      );
      expect(session.time).toBeLessThanOrEqual(3000);
      expect(session.head.time).toBeLessThanOrEqual(3000);
      expect(session.head.eventId).toBeLessThan(5000);
    }
  });

  it('a head or cursor time past the run is rebuilt only to its end', () => {
    const s = scenario(3000);
    const session = openLink(
      encodeRunLink({ scenario: s, userActions: [], cursorTime: 2000, headTime: 1e12 }),
    );
    expect(session.time).toBe(2000);
    expect(session.head.time).toBe(3000);
  });

  it('the lab’s own link of a run played to its end opens there', () => {
    const s = scenario(3000);
    const first = openLink(encodeRunLink({ scenario: s, userActions: [], cursorTime: 0 }));
    first.advanceTo(9000);
    expect(first.time).toBe(3000);
    const again = openLink(first.linkText());
    expect(again.time).toBe(3000);
    expect(again.eventId).toBe(first.eventId);
  });
});

describe('a link keeps the playback speed', () => {
  it('the session written at 20× opens at 20×, and says so in its run info', () => {
    const first = Session.fromText(JSON.stringify(defaultScenarioJson(5, 2)), 'test', 1);
    if (!first.ok) throw new Error(first.errors.join('\n'));
    first.session.advanceTo(800);
    const opened = Session.fromLink(first.session.linkText(20), 2);
    expect(opened.ok).toBe(true);
    if (opened.ok) {
      expect(opened.speed).toBe(20);
      expect(opened.session.info.speed).toBe(20);
      expect(opened.session.time).toBe(800);
    }
  });
});
