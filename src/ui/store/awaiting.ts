/**
 * Whether the worker will be playing once it has read the last play or stop command (pause,
 * step, step back, seek) the UI sent, until a snapshot says so; null when nothing is awaited.
 * What the worker sent before it read the command is out of date: a playing snapshot after a
 * Pause would move the picture on past the moment the user stopped at and flip the button
 * back to Pause for a moment; a paused one after Play (the answer to a speed change, say)
 * would flip it back to Play. The worker answers each of these commands with a snapshot in
 * the new state, and starts every new run paused (after a 'run' event).
 */
let awaiting: boolean | null = null;

/** The UI sent a command after which the worker plays (true) or is stopped (false). */
export function expectPlaying(playing: boolean): void {
  awaiting = playing;
}

/** A new run: it starts paused, whatever the UI asked of the old one. */
export function forgetAwaited(): void {
  awaiting = null;
}

/** Sent before the worker read the last play or stop command: drop it. */
export function outdated(playing: boolean): boolean {
  return awaiting !== null && playing !== awaiting;
}

/** A snapshot in the awaited state arrived: nothing is awaited any more. */
export function awaitedArrived(): void {
  awaiting = null;
}
