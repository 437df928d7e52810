import { useT } from '../app/context';
import type { MessageKey } from '../i18n/messages';

/** A place kept in the layout for a screen whose engine is still being built: it says so, and shows no data. */
export function Placeholder({ text }: { text: MessageKey }) {
  const t = useT();
  return (
    <div className="panel placeholder">
      <h3>{t('placeholder.title')}</h3>
      <p>{t(text)}</p>
    </div>
  );
}
