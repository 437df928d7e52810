import { useState, type ReactNode } from 'react';
import { useLang } from '../app/context';
import { toClientError, type ClientError } from '../client/client';
import { errorText } from '../i18n/error-text';
import { FormFooter } from './FormFooter';
import { Modal } from './Modal';

/**
 * A dialog that sends one request: its fields, then why the engine refused it (in the UI's language) or, when it
 * went through, the dialog closes. `send` throws the engine's error; the dialog keeps it until the next try.
 */
export function FormDialog({ title, submit, canSubmit, send, onClose, children }: {
  readonly title: string;
  readonly submit: string;
  readonly canSubmit: boolean;
  readonly send: () => Promise<void>;
  readonly onClose: () => void;
  readonly children: ReactNode;
}) {
  const lang = useLang();
  const [error, setError] = useState<ClientError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const go = async (): Promise<void> => {
    setBusy(true);
    try {
      await send();
      onClose();
    } catch (e) {
      setError(toClientError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={title} onClose={onClose}>
      <form
        className="form"
        noValidate
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          void go();
        }}
      >
        {children}
        <FormFooter error={error !== undefined ? errorText(error, lang) : undefined} onCancel={onClose} submit={submit} disabled={busy || !canSubmit} />
      </form>
    </Modal>
  );
}
