import { describe, expect, it } from 'vitest';
import { readable } from './readable';

describe('readable', () => {
  it('while playing, takes a new value at most every ms', () => {
    let h = readable(null, 'a', true, 0, 400);
    expect(h.value).toBe('a');
    h = readable(h, 'b', true, 100, 400);
    expect(h.value).toBe('a');
    h = readable(h, 'c', true, 399, 400);
    expect(h.value).toBe('a');
    h = readable(h, 'd', true, 400, 400);
    expect(h).toEqual({ at: 400, value: 'd' });
    h = readable(h, 'e', true, 500, 400);
    expect(h.value).toBe('d');
  });

  it('stopped (paused, stepped, seeked), the newest value shows at once', () => {
    let h = readable(null, 1, true, 0, 400);
    h = readable(h, 2, true, 10, 400);
    expect(h.value).toBe(1);
    h = readable(h, 2, false, 20, 400);
    expect(h).toEqual({ at: 20, value: 2 });
    h = readable(h, 3, false, 21, 400);
    expect(h.value).toBe(3);
  });

  it('an unchanged value keeps its time, so the first change after a quiet spell shows at once', () => {
    let h = readable(null, 'x', true, 0, 400);
    h = readable(h, 'x', true, 1000, 400);
    expect(h.at).toBe(0);
    h = readable(h, 'y', true, 1001, 400);
    expect(h.value).toBe('y');
  });
});
