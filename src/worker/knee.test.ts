/**
 * The worker's knee ramp: one step per task, a report after each, the same steps as the
 * headless ramp; a scenario it cannot drive is an error in words, and a newer ramp stops an
 * older one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kneeRamp } from '../engine/analysis/knee';
import { parseScenarioText } from '../engine/scenario';
import { runKneeInSteps } from './knee';
import type { KneeUpdate } from './knee';

/** The shipped knee scenario, shortened so that the test stays quick. */
const text = JSON.stringify({
  ...(JSON.parse(readFileSync('public/scenarios/raft-saturation-knee.json', 'utf8')) as object),
  duration: 3000,
});

function run(
  t: string,
  steps: number | undefined,
  current = () => true,
  waitMs = 5000,
): Promise<KneeUpdate[]> {
  return new Promise((resolve) => {
    const updates: KneeUpdate[] = [];
    runKneeInSteps(
      t,
      steps,
      7,
      (u) => {
        updates.push(u);
        if (u.state !== 'running') resolve(updates);
      },
      current,
    );
    // A ramp stopped by `current` never reports its end.
    setTimeout(() => resolve(updates), waitMs);
  });
}

describe('the worker’s knee ramp', () => {
  it('reports after every step, then the steps and the knee of the headless ramp', async () => {
    const updates = await run(text, 4);
    expect(updates.map((u) => u.state)).toEqual([
      'running',
      'running',
      'running',
      'running',
      'done',
    ]);
    expect(updates.map((u) => (u.state === 'error' ? -1 : u.steps.length))).toEqual([
      0, 1, 2, 3, 4,
    ]);
    const last = updates.at(-1)!;
    if (last.state !== 'done') throw new Error(last.state);
    expect(last.id).toBe(7);
    expect(last.plan.offered).toEqual([300, 600, 900, 1200]);
    expect(last.plan.processing).toBe(1);
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const headless = kneeRamp(parsed.scenario, { steps: 4 });
    if (!headless.ok) throw new Error(headless.errors.join('\n'));
    expect(last.steps).toEqual(headless.steps);
    expect(last.summary).toEqual(headless.summary);
  });

  it('says why a scenario cannot be ramped', async () => {
    const none = JSON.stringify({ protocol: 'paxos', nodes: 3, seed: 1, duration: 1000 });
    const updates = await run(none, undefined);
    expect(updates).toEqual([
      { state: 'error', id: 7, errors: [expect.stringMatching(/takes no client requests/)] },
    ]);
    const broken = await run('{"protocol": "raft"}', undefined);
    expect(broken[0]!.state).toBe('error');
  });

  it('stops when a newer ramp replaces it', async () => {
    let steps = 0;
    const updates = await run(text, 4, () => steps++ < 1, 1000);
    expect(updates.map((u) => u.state)).toEqual(['running', 'running']);
  });
});
