/**
 * The canvas worker: draws the messages in flight on the cluster's canvas, handed over with
 * transferControlToOffscreen (messagePainter.ts). The page sends the scene with each snapshot
 * and the shown time each frame; drawing and rasterising a few hundred glyphs sixty times a
 * second then happen here, off the page's thread, and the canvas is composited on its own
 * rather than re-rastering the drawing beneath it every frame (issue 15).
 */
import type { Layout } from './geometry';
import { MessageSurface, unpackMessages } from './messageDraw';
import type { PackedMessages } from './messageDraw';
import type { MessageStyle } from '../../protocols/types';

/** A scene as sent: messages packed, the layout only when it changed. */
export interface SceneUpdate {
  messages: PackedMessages;
  layout: Layout | null;
  styles: Record<string, MessageStyle>;
  selected: number | null;
  ink: string;
}

export type CanvasCommand =
  | { type: 'init'; canvas: OffscreenCanvas }
  | { type: 'size'; px: number }
  | { type: 'scene'; scene: SceneUpdate; time: number }
  | { type: 'time'; time: number };

let surface: MessageSurface | null = null;
let layout: Layout | null = null;

self.onmessage = (e: MessageEvent<CanvasCommand>) => {
  const cmd = e.data;
  if (cmd.type === 'init') {
    const ctx = cmd.canvas.getContext('2d');
    if (ctx) surface = new MessageSurface(cmd.canvas, ctx);
    return;
  }
  if (!surface) return;
  if (cmd.type === 'size') surface.resize(cmd.px);
  else if (cmd.type === 'time') surface.setTime(cmd.time);
  else {
    const u = cmd.scene;
    layout = u.layout ?? layout;
    if (!layout) return;
    const messages = unpackMessages(u.messages);
    surface.setScene(
      { messages, layout, styles: u.styles, selected: u.selected, ink: u.ink },
      cmd.time,
    );
  }
};
