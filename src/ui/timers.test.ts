import { describe, expect, it } from 'vitest';
import type { NodeView } from '../worker/protocol';
import { timerLeft, timerNamed, timerNames } from './timers';

const timers = [
  { name: 'election', due: 300, length: 200 },
  { name: 'heartbeat', due: 150, length: 50 },
];

describe('timers', () => {
  it('find a timer by name and tell how much of it is left', () => {
    expect(timerLeft(timerNamed(timers, 'election'), 200)).toBe(0.5);
    expect(timerLeft(timerNamed(timers, 'election'), 100)).toBe(1);
    expect(timerLeft(timerNamed(timers, 'election'), 400)).toBe(0);
    expect(timerLeft(timerNamed(timers, 'heartbeat'), 125)).toBe(0.5);
    expect(timerLeft(timerNamed(timers, 'nope'), 0)).toBeNull();
    expect(timerNamed(timers, undefined)).toBeNull();
    expect(timerLeft({ name: 'x', due: 5, length: 0 }, 0)).toBeNull();
  });

  it('list the arc timer first, armed or not, then the armed rest', () => {
    const node = { timers: timers.slice(1) } as NodeView;
    expect(timerNames(node, 'election')).toEqual(['election', 'heartbeat']);
    expect(timerNames({ timers } as NodeView, 'election')).toEqual(['election', 'heartbeat']);
    expect(timerNames(node, undefined)).toEqual(['heartbeat']);
  });
});
