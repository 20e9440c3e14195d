/** Playback: play, pause, step, speed, and moving the cursor (seek, step back). */
import type { Command } from '../../../worker/protocol';
import { expectMove } from '../announce';
import { expectPlaying } from '../awaiting';
import { send } from '../channel';
import type { Slice } from './types';

export const DEFAULT_SPEED = 0.02;

export interface TransportSlice {
  playing: boolean;
  speed: number;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(count?: number): void;
  setSpeed(speed: number): void;
  seek(time: number): void;
  seekEvent(eventId: number): void;
  stepBack(): void;
}

// Seeks while dragging come faster than the worker can answer: keep one in flight and only
// the newest waiting, sent when the snapshot for the previous one arrives.
let seekInFlight = false;
let seekWaiting: Command | null = null;

function sendSeek(cmd: Command): void {
  expectPlaying(false);
  if (seekInFlight) {
    seekWaiting = cmd;
    return;
  }
  seekInFlight = true;
  send(cmd);
}

/** A snapshot arrived: the seek in flight (if any) is answered, send the newest waiting. */
export function seekAnswered(): void {
  seekInFlight = false;
  const next = seekWaiting;
  seekWaiting = null;
  if (next) sendSeek(next);
}

export const transportSlice: Slice<TransportSlice> = (set, get) => ({
  playing: false,
  speed: DEFAULT_SPEED,
  play: () => {
    expectPlaying(true);
    set({ playing: true });
    send({ type: 'play' });
  },
  // The button turns to Play when the worker says it has stopped, so that what shows then
  // is where the run stopped (the picture itself stops at once: see awaiting.ts).
  pause: () => {
    expectPlaying(false);
    send({ type: 'pause' });
  },
  togglePlay: () => (get().playing ? get().pause() : get().play()),
  step: (count = 1) => {
    expectPlaying(false);
    set({ playing: false });
    expectMove('step');
    send({ type: 'step', count });
  },
  setSpeed: (speed) => {
    set({ speed });
    send({ type: 'speed', speed });
  },
  seek: (time) => {
    set({ playing: false });
    sendSeek({ type: 'seek', time });
  },
  seekEvent: (eventId) => {
    set({ playing: false });
    sendSeek({ type: 'seekEvent', eventId });
  },
  stepBack: () => {
    expectPlaying(false);
    set({ playing: false });
    expectMove('back');
    send({ type: 'stepBack' });
  },
});
