/** The `?` sheet: every shortcut and gesture. */
import { useUi } from '../store/ui';
import { Modal } from './Modal';

export const SHORTCUTS: [string, string][] = [
  ['Space', 'play / pause (on a focused control: press it)'],
  ['Space / Enter on a focused server', 'select it (again: clear the selection)'],
  ['→', 'step one event'],
  ['←', 'step back one event (the timeline shows the past; acting there forks the run)'],
  ['[ / ]', 'slower / faster'],
  ['C', 'crash the selected server (or the leader)'],
  ['R', 'restart the selected server'],
  ['T', 'force a timeout on the selected server'],
  ['H', 'heal every link'],
  ['N', 'new run with a random seed (asks first when you have acted)'],
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
  if (!open) return null;
  return (
    <Modal label="Keyboard shortcuts" onClose={() => setHelp(false)}>
      <div className="panel-head">
        <h2>Keyboard shortcuts</h2>
        <div className="spacer" />
        <button type="button" className="btn small" data-autofocus onClick={() => setHelp(false)}>
          Close
        </button>
      </div>
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
    </Modal>
  );
}
