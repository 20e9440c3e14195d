import { describe, expect, it } from 'vitest';
import { computeMarkers, markerName, nextMarker } from './markers';
import { traceOf } from './testTrace';

const trace = traceOf([
  [
    0,
    'role',
    { node: 'S1', role: 'follower', epoch: 0, leads: false, campaigns: false, detail: 'term 0' },
  ],
  [
    150,
    'role',
    { node: 'S1', role: 'candidate', epoch: 1, leads: false, campaigns: true, detail: 'term 1' },
  ],
  [160, 'deliver', { from: 'S1', to: 'S2', msg: 1, msgKind: 'RequestVote' }],
  [
    170,
    'role',
    { node: 'S1', role: 'leader', epoch: 1, leads: true, campaigns: false, detail: 'term 1' },
  ],
  [300, 'client-reply', { node: 'c1', detail: 'c1#1 put k1=a → ok' }],
  [400, 'client-give-up', { node: 'c1', detail: 'c1#2 get k1' }],
  [400, 'client-reply', { node: 'c1', detail: 'c1#2 get k1 → failed timeout' }],
  [500, 'crash', { node: 'S1' }],
  [600, 'partition', { detail: 'partition S1 | S2,S3' }],
  [650, 'link', { from: 'S2', to: 'S3', detail: 'S2→S3 down' }],
  [700, 'link', { from: 'S2', to: 'S3', detail: 'S2→S3 up' }],
  [800, 'heal', { detail: 'heal: every link up' }],
  [900, 'restart', { node: 'S1' }],
  [950, 'violation', { detail: 'Election Safety: two leaders in term 2' }],
]);

describe('computeMarkers', () => {
  const markers = computeMarkers(trace);

  it('finds each kind of moment worth jumping to, in order', () => {
    expect(markers.map((m) => [m.time, m.kind, m.label])).toEqual([
      [150, 'election', 'S1 candidate term 1'],
      [170, 'leader', 'S1 leader term 1'],
      [400, 'client-failure', 'c1#2 get k1 → failed timeout'],
      [500, 'crash', 'S1 crashed'],
      [600, 'partition', 'S1 | S2,S3'],
      [650, 'partition', 'link S2→S3 down'],
      [700, 'heal', 'link S2→S3 up'],
      [800, 'heal', 'every link up'],
      [900, 'restart', 'S1 restarted'],
      [950, 'violation', 'Election Safety: two leaders in term 2'],
    ]);
  });

  it('keeps event ids so the timeline can seek to the exact event', () => {
    expect(markers[1]!.eventId).toBe(4);
  });

  it('names markers for screen readers', () => {
    expect(markerName(markers[1]!)).toBe('leader change at 170 ms: S1 leader term 1');
  });
});

describe('nextMarker', () => {
  const markers = computeMarkers(trace);
  it.each([
    [null, 0, 1, 150],
    [null, 150, 1, 170],
    ['heal', 0, 1, 700],
    ['heal', 700, 1, 800],
    ['heal', 800, 1, null],
    ['heal', 800, -1, 700],
    ['heal', 700, -1, null],
    ['election', 1000, -1, 150],
    [null, 150, -1, null],
    ['partition', 650.5, -1, 650],
  ] as const)('kind %s from %d direction %d → %s', (kind, time, dir, expected) => {
    expect(nextMarker(markers, kind, time, dir)?.time ?? null).toBe(expected);
  });

  it('agrees with a linear scan on every time', () => {
    for (let t = -10; t < 1000; t += 7) {
      for (const dir of [1, -1] as const) {
        const linear =
          dir === 1
            ? markers.find((m) => m.time > t)
            : [...markers].reverse().find((m) => m.time < t);
        expect(nextMarker(markers, null, t, dir)).toBe(linear ?? null);
      }
    }
  });
});
