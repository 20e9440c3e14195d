/**
 * The protocol picker: opens the built-in playground of another protocol, keeping the node
 * count and seed (the worker's `protocol` command), after asking when that discards the user's
 * actions. A scenario file picks its protocol itself.
 */
import { send } from '../store/channel';
import { guardDiscard } from '../store/discard';
import { useSim } from '../store/sim';

export function ProtocolPicker() {
  const run = useSim((s) => s.run);
  if (!run || run.protocols.length === 0) return null;
  // The worker says which menu entry the run is (a playground such as the CAP view is one).
  const current = run.menuName;
  const known = run.protocols.some((p) => p.name === current);
  return (
    <label className="field">
      <span className="muted">protocol</span>
      <select
        aria-label="protocol"
        value={current}
        onChange={(e) => {
          const name = e.target.value;
          const title = run.protocols.find((p) => p.name === name)?.title ?? name;
          guardDiscard(`Open the ${title} playground`, () => {
            // The run becomes a playground: the scenario picker must not name the old file.
            useSim.setState({ scenarioFile: '' });
            send({ type: 'protocol', protocol: name, nodes: run.nodes.length, seed: run.seed });
          });
        }}
      >
        {!known && (
          <option value={current} disabled>
            {run.title}
          </option>
        )}
        {run.protocols.map((p) => (
          <option key={p.name} value={p.name}>
            {p.title}
          </option>
        ))}
      </select>
    </label>
  );
}
