/**
 * What the next snapshot should be announced as: a step forward or back, or a jump (run to
 * the next scripted action or marker). Playback itself is never announced.
 */
export type Move = 'step' | 'back' | 'jump';

let expected: Move | null = null;

/** The command just sent moves the cursor: announce where it lands. */
export function expectMove(move: Move): void {
  expected = move;
}

/** The move waiting to be announced, once. */
export function takeMove(): Move | null {
  const m = expected;
  expected = null;
  return m;
}
