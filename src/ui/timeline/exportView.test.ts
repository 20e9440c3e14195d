import { describe, expect, it } from 'vitest';
import { momentCaption } from './exportView';

describe('momentCaption', () => {
  it('names the time, the event and the scenario', () => {
    expect(momentCaption(2345, 812, 'Minority partition')).toBe(
      't = 2.345 s · event 812 · Minority partition',
    );
  });
  it('leaves out what is not known', () => {
    expect(momentCaption(0, null, null)).toMatch(/^t = \S+/);
    expect(momentCaption(0, null, null)).not.toContain('·');
  });
});
