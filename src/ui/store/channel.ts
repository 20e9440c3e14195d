/** The one line to the worker: commands go out here (nothing is sent before it is connected). */
import type { Command } from '../../worker/protocol';

let sink: ((cmd: Command) => void) | null = null;

export function setSink(fn: (cmd: Command) => void): void {
  sink = fn;
}

export function send(cmd: Command): void {
  sink?.(cmd);
}

export function connected(): boolean {
  return sink !== null;
}
