import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageDeltaEncoder, applyMessageDelta } from './messageDelta';
import type { MessageView } from './protocol';

const msg = (id: number, deliverAt = id + 10): MessageView =>
  ({
    id,
    from: 'S1',
    to: 'S2',
    sentAt: id,
    deliverAt,
    kind: 'AppendEntries',
    cls: 'append',
    epoch: 1,
    label: 'AppendEntries',
    client: false,
  }) as MessageView;

describe('message deltas', () => {
  it('reproduce every list exactly, whatever comes and goes', () => {
    // Each step: a sorted set of ids in flight (the worker lists messages by id), some
    // delivered (changed deliverAt) to test the whole-list fallback.
    const lists = fc.array(
      fc
        .uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 25 })
        .map((ids) => ids.sort((a, b) => a - b)),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(lists, fc.boolean(), (steps, shuffle) => {
        const enc = new MessageDeltaEncoder();
        let page: MessageView[] = [];
        steps.forEach((ids, k) => {
          let now = ids.map((id) => msg(id, k % 7 === 3 && id % 2 === 0 ? id + 99 : id + 10));
          if (shuffle && k % 5 === 4) now = [...now].reverse();
          page = applyMessageDelta(page, enc.encode(now));
          expect(page).toEqual(now);
        });
      }),
    );
  });

  it('send only what changed when messages stay in flight', () => {
    const enc = new MessageDeltaEncoder();
    enc.encode([msg(1), msg(2), msg(3)]);
    const d = enc.encode([msg(2), msg(3), msg(4), msg(5)]);
    expect(d).toEqual({ full: false, added: [msg(4), msg(5)], gone: [1] });
  });

  it('send the whole list for a new run, or when a message changed', () => {
    const enc = new MessageDeltaEncoder();
    enc.encode([msg(1), msg(2)]);
    expect(enc.encode([msg(1), msg(2)], true).full).toBe(true);
    expect(enc.encode([msg(1), msg(2, 99)]).full).toBe(true);
  });
});
