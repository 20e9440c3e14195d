/**
 * Raft's extensions as switches above the cluster: PreVote (dissertation §9.6) and
 * CheckQuorum with the leader lease (§6.2, §4.2.3). Flipping one re-runs the run with the
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
            onChange={(e) =>
              send({
                type: 'section',
                protocol: run.protocol,
                config: { ...c, [s.key]: e.target.checked },
              })
            }
          />{' '}
          {s.label}
        </label>
      ))}
    </div>
  );
}
