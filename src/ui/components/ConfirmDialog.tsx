/** "Discard your actions?": the question guardDiscard asks, as a keyboard-friendly dialog. */
import { useUi } from '../store/ui';
import { Modal } from './Modal';

export function ConfirmDialog() {
  const confirm = useUi((s) => s.confirm);
  const ask = useUi((s) => s.ask);
  if (!confirm) return null;
  const close = () => ask(null);
  return (
    <Modal label={confirm.title} role="alertdialog" describedBy="confirm-body" onClose={close}>
      <div className="panel-head">
        <h2>{confirm.title}</h2>
      </div>
      <p id="confirm-body" className="confirm-body">
        {confirm.body}
      </p>
      <div className="confirm-actions">
        <button type="button" className="btn" data-autofocus onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="btn danger"
          onClick={() => {
            close();
            confirm.onConfirm();
          }}
        >
          {confirm.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
