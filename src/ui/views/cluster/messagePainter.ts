/**
 * Who draws the cluster's canvas of messages in flight: the canvas worker where the browser
 * can hand a canvas to one (transferControlToOffscreen), else the page itself. Either way
 * the page gives it the scene with each snapshot and the shown time each frame.
 */
import type { Layout } from './geometry';
import { MessageSurface, packMessages } from './messageDraw';
import type { MessageScene } from './messageDraw';
import type { CanvasCommand } from './messageCanvas.worker';

export interface Painter {
  /** The canvas is `px` pixels a side. */
  resize(px: number): void;
  scene(scene: MessageScene, time: number): void;
  time(time: number): void;
  dispose(): void;
}

/**
 * A canvas is handed to a worker at most once, and React's StrictMode mounts every effect
 * twice on the same element: the painter stays with its canvas while anyone uses it, and is
 * disposed only once no one has taken it back by the next task.
 */
const painters = new WeakMap<HTMLCanvasElement, { painter: Painter; users: number }>();

export function acquirePainter(canvas: HTMLCanvasElement): Painter {
  let held = painters.get(canvas);
  if (!held) {
    held = { painter: workerPainter(canvas) ?? pagePainter(canvas), users: 0 };
    painters.set(canvas, held);
  }
  held.users++;
  return held.painter;
}

export function releasePainter(canvas: HTMLCanvasElement): void {
  const held = painters.get(canvas);
  if (!held) return;
  held.users--;
  setTimeout(() => {
    if (held.users > 0 || painters.get(canvas) !== held) return;
    painters.delete(canvas);
    held.painter.dispose();
  }, 0);
}

function pagePainter(canvas: HTMLCanvasElement): Painter {
  const ctx = canvas.getContext('2d');
  const surface = ctx ? new MessageSurface(canvas, ctx) : null;
  return {
    resize: (px) => surface?.resize(px),
    scene: (s, t) => surface?.setScene(s, t),
    time: (t) => surface?.setTime(t),
    dispose: () => {},
  };
}

function workerPainter(canvas: HTMLCanvasElement): Painter | null {
  if (typeof canvas.transferControlToOffscreen !== 'function' || typeof Worker === 'undefined') {
    return null;
  }
  let worker: Worker;
  try {
    // The worker first: once transferred, the canvas cannot be drawn on here.
    worker = new Worker(new URL('./messageCanvas.worker.ts', import.meta.url), {
      type: 'module',
    });
  } catch {
    return null;
  }
  worker.onerror = (e) => console.error('quorum canvas worker error', e.message);
  const post = (cmd: CanvasCommand, transfer: Transferable[] = []) =>
    worker.postMessage(cmd, transfer);
  const offscreen = canvas.transferControlToOffscreen();
  post({ type: 'init', canvas: offscreen }, [offscreen]);
  let sentLayout: Layout | null = null;
  // A frame brings a new time and often a new scene: one message for both (posting to the
  // worker cost far more in the busy lab than the microbenchmarks suggest).
  let scene: MessageScene | null = null;
  let time: number | null = null;
  let flushing = false;
  const flush = () => {
    flushing = false;
    if (time === null) return;
    if (scene === null) {
      post({ type: 'time', time });
    } else {
      const messages = packMessages(scene.messages);
      // The layout changes with the servers, not with snapshots: sent only when it does.
      const layout = scene.layout === sentLayout ? null : scene.layout;
      sentLayout = scene.layout;
      const { styles, selected, ink } = scene;
      post({ type: 'scene', scene: { messages, layout, styles, selected, ink }, time }, [
        messages.data.buffer,
      ]);
    }
    scene = null;
    time = null;
  };
  const later = () => {
    if (flushing) return;
    flushing = true;
    queueMicrotask(flush);
  };
  return {
    resize: (px) => post({ type: 'size', px }),
    scene: (s, t) => {
      scene = s;
      time = t;
      later();
    },
    time: (t) => {
      time = t;
      later();
    },
    dispose: () => worker.terminate(),
  };
}
