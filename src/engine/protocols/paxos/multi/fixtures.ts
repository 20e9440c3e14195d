/** Shared helpers for the Multi-Paxos message-by-message tests. */
import { expect } from 'vitest';
import type { ClientRequest } from '../../../types';
import type { Ballot } from '../ballot';
import type { PaxosConfig } from '../config';
import { paxosConfig, TestNode } from '../testkit';
import { multiPaxosModule } from './multiPaxos';
import { LEADER_TIMER } from './timers';
import type { Command, MultiMessage, MultiPersistent, MultiState } from './types';

export type Node = TestNode<MultiState, MultiMessage, MultiPersistent>;

export const b = (round: number, node: string): Ballot => ({ round, node });
export const put = (seq: number, key: string, value: string, client = 'c1'): ClientRequest => ({
  client,
  seq,
  op: { type: 'put', key, value },
});
export const get = (seq: number, key: string, client = 'c1'): ClientRequest => ({
  client,
  seq,
  op: { type: 'get', key },
});

export function node(
  id = 'S1',
  size = 3,
  config: Partial<PaxosConfig> = {},
  persisted?: MultiPersistent,
): Node {
  return new TestNode(multiPaxosModule, id, size, paxosConfig(config), persisted);
}

export const promise = (
  ballot: Ballot,
  accepted: [number, Ballot, Command][] = [],
): MultiMessage => ({
  type: 'promise',
  ballot,
  accepted: accepted.map(([slot, ballot, command]) => ({ slot, ballot, command })),
});

/** S1 leader of ballot (1,S1) in a cluster of `size`, promised by S2 (and S3 for 5). */
export function leader(size = 3): Node {
  const n = node('S1', size);
  n.fire(LEADER_TIMER);
  n.receive('S2', promise(b(1, 'S1')));
  if (size >= 5) n.receive('S3', promise(b(1, 'S1')));
  expect(n.state.role).toBe('leader');
  return n;
}

export const acceptsIn = (sent: { msg: MultiMessage }[]) =>
  sent.flatMap((s) => (s.msg.type === 'accept' ? [s.msg] : []));
