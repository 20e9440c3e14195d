/**
 * Membership change in the lab (protocols whose module has the seam's `membership` hook; the
 * run says so in RunInfo.membership): the quorum of the configuration in force, a "+ server"
 * button (the add-server action) beside the cluster, and "Remove" in a server's inspector.
 * Nothing here names a protocol.
 */
import { MAX_SERVERS } from '../../../engine/scenarioMembership';
import { useSim } from '../../store/sim';
import './membership.css';

/** "quorum 3 of 5" and "+ server", above the cluster. */
export function MembershipBar() {
  const enabled = useSim((s) => s.run?.membership ?? false);
  const members = useSim((s) => s.panel?.membership?.members.length ?? 0);
  const quorum = useSim((s) => s.panel?.membership?.quorum ?? 0);
  const servers = useSim((s) => s.panel?.nodes.length ?? 0);
  const act = useSim((s) => s.act);
  if (!enabled) return null;
  const text = `quorum ${quorum} of ${members}`;
  return (
    <div className="membership-bar">
      <span
        className="quorum-badge"
        role="status"
        aria-live="off"
        aria-label={`${text} servers in the configuration`}
        title="Votes and acknowledgements a leader needs: a majority of the configuration in force"
      >
        {text}
      </span>
      <button
        type="button"
        className="btn"
        disabled={servers >= MAX_SERVERS}
        onClick={() => act({ type: 'add-server' })}
        title={`A new server S${servers + 1} starts with an empty log; the leader adds it to the configuration`}
      >
        + server
      </button>
    </div>
  );
}

/** The inspector's "Remove S3" (the remove-server action), for a member of the configuration. */
export function RemoveServerButton({ id }: { id: string }) {
  const enabled = useSim((s) => s.run?.membership ?? false);
  const member = useSim((s) => s.panel?.membership?.members.includes(id) ?? false);
  const act = useSim((s) => s.act);
  if (!enabled) return null;
  return (
    <button
      type="button"
      className="btn danger"
      disabled={!member}
      onClick={() => act({ type: 'remove-server', node: id })}
      title={
        member
          ? `Ask the leader to remove ${id} from the configuration`
          : `${id} is not in the configuration`
      }
    >
      Remove {id}
    </button>
  );
}
