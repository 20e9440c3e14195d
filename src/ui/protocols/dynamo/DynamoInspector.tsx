/**
 * Dynamo in the inspector: the selected server's counts and clock skew, then its store (each
 * key's versions, siblings side by side), the hints it holds for other servers, and the
 * requests it coordinates with who answered. A crashed server shows what it persisted.
 */
import type { DynamoDetail, DynamoView, VersionView } from '../../../engine/protocols/dynamo/view';
import type { NodeSectionProps } from '../types';
import { coordinationText, hintsByOwner, skewText } from './inspect';
import { dynamoConfig } from './keys';

type Props = NodeSectionProps<DynamoView, DynamoDetail>;

export function DynamoFacts({ node, index, view, run }: Props) {
  const n = view.nodes[index];
  if (!n) return null;
  const kept = node.up ? '' : ' (persisted)';
  return (
    <>
      <dt>keys stored</dt>
      <dd>
        {n.keys}
        {kept}
      </dd>
      <dt>hints held</dt>
      <dd>
        {n.hints}
        {kept}
      </dd>
      <dt>coordinating</dt>
      <dd>{node.up ? n.coordinating : 'lost in the crash'}</dd>
      <dt>clock skew</dt>
      <dd>{skewText(dynamoConfig(run), node.id)}</dd>
    </>
  );
}

function Versions({ versions }: { versions: readonly VersionView[] }) {
  return (
    <>
      {versions.map((v, k) => (
        <span key={k} className="dynamo-version">
          <span className="dyn-value">{v.value}</span> <span className="muted">{v.version}</span>
        </span>
      ))}
    </>
  );
}

export function DynamoSections({ node, detail, run }: Props) {
  if (!detail) return null;
  const config = dynamoConfig(run);
  const owners = hintsByOwner(detail.hints);
  return (
    <>
      <table className="replication dynamo-store" aria-label={`store of ${node.id}`}>
        <caption>{detail.persisted ? 'Store as persisted' : 'Store'}</caption>
        <thead>
          <tr>
            <th>key</th>
            <th>versions (value, version)</th>
          </tr>
        </thead>
        <tbody>
          {detail.store.length === 0 && (
            <tr>
              <td colSpan={2} className="muted">
                empty
              </td>
            </tr>
          )}
          {detail.store.map((e) => (
            <tr key={e.key}>
              <td>{e.key}</td>
              <td>
                <Versions versions={e.versions} />
                {e.versions.length > 1 && <span className="dynamo-siblings">siblings</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {owners.length > 0 && (
        <table className="replication dynamo-hints" aria-label={`hints held by ${node.id}`}>
          <caption>Hints held for other servers (handed back when they answer)</caption>
          <thead>
            <tr>
              <th>for</th>
              <th>key</th>
              <th>versions</th>
            </tr>
          </thead>
          <tbody>
            {owners.flatMap(([owner, hints]) =>
              hints.map((h, k) => (
                <tr key={`${owner}/${h.key}/${k}`}>
                  <td>{k === 0 ? owner : ''}</td>
                  <td>{h.key}</td>
                  <td>
                    <Versions versions={h.versions} />
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      {detail.coordinating.length > 0 && (
        <table className="replication" aria-label={`requests ${node.id} coordinates`}>
          <caption>Coordinating</caption>
          <thead>
            <tr>
              <th>op</th>
              <th>key</th>
              <th>answered</th>
            </tr>
          </thead>
          <tbody>
            {detail.coordinating.map((c, k) => (
              <tr key={k}>
                <td>{c.op}</td>
                <td>{c.key}</td>
                <td>{coordinationText(c, config)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
