import { useT } from '../app/context';

/** The end of a dialog's form: why it was refused (if it was), 取消, and the submit button. */
export function FormFooter({ error, onCancel, submit, disabled }: { readonly error: string | undefined; readonly onCancel: () => void; readonly submit: string; readonly disabled: boolean }) {
  const t = useT();
  return (
    <>
      {error !== undefined && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="modal-buttons">
        <button type="button" className="btn" onClick={onCancel}>
          {t('confirm.cancel')}
        </button>
        <button type="submit" className="btn primary" disabled={disabled}>
          {submit}
        </button>
      </div>
    </>
  );
}
