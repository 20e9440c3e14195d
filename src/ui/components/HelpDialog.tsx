/** The `?` sheet: every shortcut and gesture. */
import { useEffect, useRef } from 'react';
import { useUi } from '../store/ui';

export const SHORTCUTS: [string, string][] = [
  ['Space', 'play / pause'],
  ['→', 'step one event'],
  ['←', 'step back one event (the timeline shows the past; acting there forks the run)'],
  ['[ / ]', 'slower / faster'],
  ['C', 'crash the selected server (or the leader)'],
  ['R', 'restart the selected server'],
  ['T', 'force a timeout on the selected server'],
  ['H', 'heal every link'],
  ['N', 'new run with a random seed'],
  ['Esc', 'clear the selection / close this sheet'],
  ['?', 'show this sheet'],
];

const GESTURES: [string, string][] = [
  ['click a server', 'inspect it; actions in the inspector'],
  ['click a link', 'cut or heal both directions'],
  ['shift-click a link', 'block only the traffic into the nearer server'],
  ['drag across the ring', 'draw a partition line'],
  ['click a message', 'inspect or drop it'],
];

export function HelpDialog() {
  const open = useUi((s) => s.helpOpen);
  const setHelp = useUi((s) => s.setHelp);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="backdrop" onClick={() => setHelp(false)}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        onClick={(e) => e.stopPropagation()}
      >
        <header className="panel-head">
          <h2>Keyboard shortcuts</h2>
          <div className="spacer" />
          <button ref={closeRef} type="button" className="btn small" onClick={() => setHelp(false)}>
            Close
          </button>
        </header>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map(([k, what]) => (
              <tr key={k}>
                <td>
                  <kbd>{k}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>With the mouse</h3>
        <table className="shortcuts">
          <tbody>
            {GESTURES.map(([k, what]) => (
              <tr key={k}>
                <td>{k}</td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
