/**
 * Raft's extensions as switches above the cluster: PreVote (dissertation §9.6),
 * CheckQuorum with the leader lease (§6.2, §4.2.3), how reads are answered (§6.4) and how
 * often servers snapshot their state machine (§7). Flipping one re-runs the run with the
 * same seed and the same user actions to the same moment (the worker's `section` command),
 * so the difference a rule makes is the only difference.
 */
import type { RaftConfig } from '../../../engine/protocols/raft/types';
import type { RunInfo } from '../../../worker/protocol';
import { send } from '../../store/channel';

const SWITCHES: { key: 'preVote' | 'checkQuorum'; label: string; title: string }[] = [
  {
    key: 'preVote',
    label: 'PreVote',
    title:
      'Dissertation §9.6: ask whether you could win before raising your term, so a server that cannot hear the leader does not depose it',
  },
  {
    key: 'checkQuorum',
    label: 'CheckQuorum',
    title:
      'Dissertation §6.2: a leader that has not heard from a majority within an election timeout steps down; followers that heard from a leader lately ignore RequestVote',
  },
];

export function RaftSettings({ run }: { run: RunInfo }) {
  const c = run.config as RaftConfig;
  return (
    <div className="protocol-settings" role="group" aria-label="Raft extensions">
      {SWITCHES.map((s) => (
        <label key={s.key} className="check" title={s.title}>
          <input
            type="checkbox"
            checked={c[s.key]}
            onChange={(e) => {
              const next = { ...c, [s.key]: e.target.checked };
              // Lease reads need CheckQuorum (§6.4.1): without it they fall back to readIndex.
              if (!next.checkQuorum && next.reads === 'lease') next.reads = 'readIndex';
              send({ type: 'section', protocol: run.protocol, config: next });
            }}
          />{' '}
          {s.label}
        </label>
      ))}
      <label className="field" title="Dissertation §6.4: how a get is answered">
        <span className="muted">reads</span>
        <select
          aria-label="reads"
          value={c.reads}
          onChange={(e) => {
            const reads = e.target.value as RaftConfig['reads'];
            // A lease needs CheckQuorum's follower side (§6.4.1): switched on with it.
            const checkQuorum = reads === 'lease' ? true : c.checkQuorum;
            send({ type: 'section', protocol: run.protocol, config: { ...c, reads, checkQuorum } });
          }}
        >
          <option value="log">through the log</option>
          <option value="readIndex">readIndex</option>
          <option value="lease">lease</option>
        </select>
      </label>
      <label
        className="field"
        title="§7 log compaction: a server that has applied this many entries beyond its last snapshot takes a new one and discards the entries it covers; followers that need them get InstallSnapshot (0: off)"
      >
        <span className="muted">snapshot every</span>
        <input
          type="number"
          aria-label="snapshot every (entries, 0 off)"
          min={0}
          step={1}
          className="snapshot-every"
          value={c.snapshotEvery}
          onChange={(e) => {
            if (e.target.value === '') return; // half-typed: wait for a number
            const n = Number(e.target.value);
            if (!Number.isInteger(n) || n < 0 || n === c.snapshotEvery) return;
            send({ type: 'section', protocol: run.protocol, config: { ...c, snapshotEvery: n } });
          }}
        />
      </label>
    </div>
  );
}
