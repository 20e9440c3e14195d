import { describe, expect, it } from 'vitest';
import { kindColor } from '../history/colors';
import {
  classOfKind,
  COMMON_MESSAGES,
  DOWN_STYLE,
  majority,
  messageStyle,
  OTHER,
  roleStyle,
} from './common';
import { viewModule } from './registry';
import type { Palette } from './types';

const palette: Palette = {
  roles: { boss: { color: '#111111', shape: 'hexagon' } },
  messages: { ping: { shape: 'circle', fill: '#222222', stroke: '#222222', r: 4, label: 'ping' } },
  kindClass: { Ping: 'ping' },
};

describe('palette lookups', () => {
  it('prefer the protocol, then the common entries, then the fallback', () => {
    expect(roleStyle(palette, 'boss').color).toBe('#111111');
    expect(roleStyle(palette, 'down')).toBe(DOWN_STYLE);
    expect(roleStyle(palette, 'stranger').color).not.toBe('#111111');
    expect(messageStyle(palette, 'ping').label).toBe('ping');
    expect(messageStyle(palette, 'client-reply')).toBe(COMMON_MESSAGES['client-reply']);
    expect(messageStyle(palette, 'whatever')).toBe(COMMON_MESSAGES[OTHER]);
  });

  it('map kinds to classes, client traffic included', () => {
    expect(classOfKind(palette, 'Ping')).toBe('ping');
    expect(classOfKind(palette, 'ClientRequest')).toBe('client-request');
    expect(classOfKind(palette, 'Pong')).toBe(OTHER);
    expect(classOfKind(palette, undefined)).toBe(OTHER);
  });

  it('give unmapped kinds a stable colour of their own', () => {
    expect(kindColor(palette, 'Ping')).toBe('#222222');
    expect(kindColor(palette, 'Pong')).toBe(kindColor(palette, 'Pong'));
    expect(kindColor(palette, 'Pong')).not.toBe(kindColor(palette, undefined));
  });
});

describe('registry', () => {
  it('knows echo and falls back to a bare module for an unknown protocol', () => {
    expect(viewModule('echo').palette.roles.node).toBeDefined();
    expect(viewModule('echo').panels).toEqual([]);
    expect(viewModule('echo').decoration).toBeUndefined();
    const bare = viewModule('paxos-someday');
    expect(bare.panels).toEqual([]);
    expect(bare.presets({ ids: ['S1', 'S2', 'S3'], leader: 'S1' })).toEqual([]);
    expect(viewModule('constructor')).toBe(bare);
  });
});

describe('majority', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 3],
    [9, 5],
  ])('of %d is %d', (n, q) => expect(majority(n)).toBe(q));
});
