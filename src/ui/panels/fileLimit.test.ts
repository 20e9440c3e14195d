import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../engine/input/limits';
import { fileSizeError } from './fileLimit';

describe('fileSizeError', () => {
  it('lets files up to the text limit through (a byte-order mark not counted)', () => {
    expect(fileSizeError(0)).toBeNull();
    expect(fileSizeError(LIMITS.textBytes)).toBeNull();
    expect(fileSizeError(LIMITS.textBytes + 3)).toBeNull();
  });

  it('refuses a larger file, naming its size and the limit', () => {
    const err = fileSizeError(LIMITS.textBytes + 4);
    expect(err).toContain(`${LIMITS.textBytes + 4} bytes`);
    expect(err).toContain(`at most ${LIMITS.textBytes} bytes`);
    expect(fileSizeError(50_000_000)).not.toBeNull();
  });
});
