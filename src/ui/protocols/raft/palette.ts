/** Raft's colours and shapes: servers by role, messages by what they carry. */
import { FAIL, OK, PAPER } from '../../theme';
import type { Palette } from '../types';

const LEADER = '#4c9aff';
const CANDIDATE = '#f5a524';
/** A pre-candidate (PreVote, §9.6) only asks: a paler orange than a candidate. */
const PRE_CANDIDATE = '#f9d38a';
/** Successful replication replies: a teal, so they differ from granted votes. */
const APPENDED = '#2dd4bf';
/** InstallSnapshot (§7): a pink block, the one message carrying a whole state machine. */
const SNAPSHOT = '#f472b6';

export const raftPalette: Palette = {
  roles: {
    leader: { color: LEADER, shape: 'hexagon' },
    candidate: { color: CANDIDATE, shape: 'diamond' },
    'pre-candidate': { color: PRE_CANDIDATE, shape: 'diamond' },
    follower: { color: '#8a97ad' },
  },
  messages: {
    'vote-request': {
      shape: 'circle',
      fill: CANDIDATE,
      stroke: CANDIDATE,
      r: 6,
      label: 'RequestVote',
    },
    'vote-granted': {
      shape: 'diamond',
      fill: OK,
      stroke: CANDIDATE,
      r: 6.5,
      label: 'vote granted',
    },
    'vote-denied': {
      shape: 'diamond',
      fill: FAIL,
      stroke: CANDIDATE,
      r: 6.5,
      label: 'vote denied',
    },
    'prevote-request': {
      shape: 'circle',
      fill: PAPER,
      stroke: PRE_CANDIDATE,
      r: 5.5,
      hollow: true,
      label: 'PreVote',
    },
    'prevote-granted': {
      shape: 'square',
      // Lime, not the vote's green: the space-time diagram tells the two replies apart.
      fill: '#a3e635',
      stroke: PRE_CANDIDATE,
      r: 5,
      label: 'pre-vote granted',
    },
    'prevote-denied': {
      shape: 'square',
      fill: FAIL,
      stroke: PRE_CANDIDATE,
      r: 5,
      label: 'pre-vote denied',
    },
    'timeout-now': {
      shape: 'square',
      // Violet: the leader's word that hands over, unlike any replication message.
      fill: '#a78bfa',
      stroke: '#ffffff',
      r: 6,
      label: 'TimeoutNow (transfer)',
    },
    append: { shape: 'circle', fill: LEADER, stroke: '#cfe3ff', r: 6.5, label: 'AppendEntries' },
    heartbeat: {
      shape: 'circle',
      fill: PAPER,
      stroke: LEADER,
      r: 4.5,
      hollow: true,
      label: 'heartbeat',
    },
    'append-ok': { shape: 'diamond', fill: APPENDED, stroke: LEADER, r: 5.5, label: 'append ok' },
    'append-fail': {
      shape: 'diamond',
      fill: FAIL,
      stroke: LEADER,
      r: 5.5,
      label: 'append rejected',
    },
    'install-snapshot': {
      shape: 'square',
      fill: SNAPSHOT,
      stroke: '#fde68a',
      r: 7,
      label: 'InstallSnapshot',
    },
    'snapshot-ok': {
      shape: 'diamond',
      fill: '#fbcfe8',
      stroke: SNAPSHOT,
      r: 5.5,
      label: 'snapshot installed',
    },
  },
  kindClass: {
    RequestVote: 'vote-request',
    RequestVoteReply: 'vote-granted',
    AppendEntries: 'append',
    AppendEntriesReply: 'append-ok',
    PreVote: 'prevote-request',
    PreVoteReply: 'prevote-granted',
    TimeoutNow: 'timeout-now',
    InstallSnapshot: 'install-snapshot',
    InstallSnapshotReply: 'snapshot-ok',
  },
};
