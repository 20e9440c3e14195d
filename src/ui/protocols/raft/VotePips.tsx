/** A candidate's votes under its name: one pip per server, filled when it granted its vote. */
import type { NodeView } from '../../../worker/protocol';
import type { RaftView } from '../../../engine/protocols/raft/view';
import { OK, PAPER } from '../../theme';
import { majority } from '../common';
import type { DecorPlace, NodeDecoration } from '../types';
import { raftPalette } from './palette';

export interface VotePipsData {
  servers: readonly string[];
  votes: readonly string[];
  quorum: number;
}

const CANDIDATE = raftPalette.roles.candidate!.color;

/** "2 of 3 votes". */
export function votesText(votes: number, quorum: number): string {
  return `${votes} of ${quorum} votes`;
}

export function VotePips({ data, place }: { data: VotePipsData; place: DecorPlace }) {
  const votes = new Set(data.votes);
  const n = data.servers.length;
  return (
    <g className="votes" transform={`translate(${place.label.x},${place.captionY})`}>
      {data.servers.map((id, k) => (
        <circle
          key={id}
          cx={(k - (n - 1) / 2) * 11}
          cy={-4}
          r={4}
          fill={votes.has(id) ? OK : PAPER}
          stroke={votes.has(id) ? OK : CANDIDATE}
          strokeWidth={1.4}
        >
          <title>{`${id}: ${votes.has(id) ? 'voted for it' : 'no vote yet'}`}</title>
        </circle>
      ))}
      <text y={place.above ? -14 : 14}>{votesText(data.votes.length, data.quorum)}</text>
    </g>
  );
}

export const votePips: NodeDecoration<RaftView, VotePipsData> = {
  decorate(node: NodeView, index, view, ids) {
    if (!node.up || !node.campaigns) return null;
    // §4: the configuration in force votes, not every server there is.
    const servers = view.configuration?.members ?? ids;
    return { servers, votes: view.nodes[index]?.votes ?? [], quorum: majority(servers.length) };
  },
  Decor: VotePips,
};
