import { describe, expect, it } from 'vitest';
import { kindColor } from '../../history/colors';
import { classOfKind, legendClasses, messageInk, messageStyle, roleStyle } from '../common';
import { viewModule } from '../registry';
import { raftPalette } from './palette';

/** Every class the engine's Raft describe gives a message, and the simulator's client traffic. */
const RAFT_CLASSES = [
  'vote-request',
  'vote-granted',
  'vote-denied',
  'prevote-request',
  'prevote-granted',
  'prevote-denied',
  'timeout-now',
  'append',
  'heartbeat',
  'append-ok',
  'append-fail',
  'install-snapshot',
  'snapshot-ok',
];
const KINDS = [
  'RequestVote',
  'RequestVoteReply',
  'AppendEntries',
  'AppendEntriesReply',
  'PreVote',
  'PreVoteReply',
  'TimeoutNow',
  'InstallSnapshot',
  'InstallSnapshotReply',
];

describe('the Raft palette', () => {
  it('is the one the registry gives for "raft"', () => {
    expect(viewModule('raft').palette).toBe(raftPalette);
  });

  it('styles every Raft class itself, none with the fallback', () => {
    const fallback = messageStyle(raftPalette, 'no such class');
    for (const cls of RAFT_CLASSES) {
      expect(raftPalette.messages[cls], cls).toBeDefined();
      expect(messageStyle(raftPalette, cls)).not.toBe(fallback);
    }
    expect(legendClasses(raftPalette)).toEqual([...RAFT_CLASSES, 'client-request', 'client-reply']);
  });

  it('gives every legend entry its own look', () => {
    const looks = legendClasses(raftPalette).map((c) =>
      JSON.stringify(messageStyle(raftPalette, c)),
    );
    expect(new Set(looks).size).toBe(looks.length);
  });

  it('never gives a request and its reply the same colour', () => {
    const ink = (cls: string) => messageInk(messageStyle(raftPalette, cls));
    for (const reply of ['vote-granted', 'vote-denied'])
      expect(ink(reply)).not.toBe(ink('vote-request'));
    for (const reply of ['append-ok', 'append-fail']) {
      expect(ink(reply)).not.toBe(ink('append'));
      expect(ink(reply)).not.toBe(ink('heartbeat'));
    }
    expect(ink('snapshot-ok')).not.toBe(ink('install-snapshot'));
    expect(ink('client-reply')).not.toBe(ink('client-request'));
  });

  it('colours each message kind in the space-time diagram as the cluster draws its class', () => {
    for (const kind of KINDS) {
      const cls = classOfKind(raftPalette, kind);
      expect(RAFT_CLASSES, kind).toContain(cls);
      expect(kindColor(raftPalette, kind)).toBe(messageInk(raftPalette.messages[cls]!));
    }
    expect(kindColor(raftPalette, 'ClientRequest')).toBe(
      messageInk(messageStyle(raftPalette, 'client-request')),
    );
    expect(kindColor(raftPalette, 'ClientReply')).toBe(
      messageInk(messageStyle(raftPalette, 'client-reply')),
    );
    const colours = [...KINDS, 'ClientRequest', 'ClientReply'].map((k) =>
      kindColor(raftPalette, k),
    );
    expect(new Set(colours).size).toBe(colours.length);
  });

  it('draws the three roles apart, and a crashed server as crashed', () => {
    const leader = roleStyle(raftPalette, 'leader');
    const candidate = roleStyle(raftPalette, 'candidate');
    const follower = roleStyle(raftPalette, 'follower');
    expect(new Set([leader.color, candidate.color, follower.color]).size).toBe(3);
    expect(leader.shape).toBe('hexagon');
    expect(candidate.shape).toBe('diamond');
    expect(roleStyle(raftPalette, 'down')).not.toEqual(follower);
  });
});
