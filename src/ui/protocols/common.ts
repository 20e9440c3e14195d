/**
 * What every protocol's palette shares: client traffic, the crashed state, the fallback for
 * an unknown role or class, and the lookups every view uses. A protocol's own entries win.
 */
import { MUTED, PAPER } from '../theme';
import type { MessageStyle, Palette, RoleStyle } from './types';

export const CLIENT = '#b48cff';
export const CLIENT_REPLY = '#f9a8d4';

/** Role of a crashed node in NodeView ("down"), drawn dashed and grey. */
export const DOWN = 'down';
export const DOWN_STYLE: RoleStyle = { color: '#59606e' };
const FALLBACK_ROLE: RoleStyle = { color: MUTED };

/** Classes of client traffic, which the simulator (not the protocol) carries. */
export const CLIENT_CLASSES = ['client-request', 'client-reply'] as const;
export const OTHER = 'other';

export const COMMON_MESSAGES: Readonly<Record<string, MessageStyle>> = {
  'client-request': {
    shape: 'square',
    fill: CLIENT,
    stroke: CLIENT,
    r: 4.5,
    label: 'client request',
  },
  'client-reply': {
    shape: 'square',
    fill: PAPER,
    stroke: CLIENT_REPLY,
    r: 4.5,
    hollow: true,
    label: 'client reply',
  },
  [OTHER]: { shape: 'circle', fill: MUTED, stroke: MUTED, r: 4.5, label: 'message' },
};

/** Message kinds of client traffic in the trace. */
const COMMON_KIND_CLASS: Readonly<Record<string, string>> = {
  ClientRequest: 'client-request',
  ClientReply: 'client-reply',
};

export function roleStyle(palette: Palette, role: string): RoleStyle {
  if (role === DOWN) return DOWN_STYLE;
  return palette.roles[role] ?? FALLBACK_ROLE;
}

export function messageStyle(palette: Palette, cls: string): MessageStyle {
  return palette.messages[cls] ?? COMMON_MESSAGES[cls] ?? COMMON_MESSAGES[OTHER]!;
}

/** The class a message kind is drawn with when only its kind is known. */
export function classOfKind(palette: Palette, kind: string | undefined): string {
  if (kind === undefined) return OTHER;
  return palette.kindClass[kind] ?? COMMON_KIND_CLASS[kind] ?? OTHER;
}

/** The one colour of a message class, for lines and swatches: an outline's, else its fill. */
export function messageInk(style: MessageStyle): string {
  return style.hollow ? style.stroke : style.fill;
}

/** Legend entries: the protocol's classes, then client traffic. */
export function legendClasses(palette: Palette): string[] {
  return [...Object.keys(palette.messages), ...CLIENT_CLASSES];
}

/** How many of `n` make a majority (the engine's quorum arithmetic). */
export { majority } from '../../engine/quorum';
