import { useState } from 'react';
import { useServices, useSlice, useT } from '../app/context';
import { SubTabs } from '../common/SubTabs';
import { AccountsSettings } from './AccountsSettings';
import { AlertsSettings } from './AlertsSettings';
import { RiskSettings } from './RiskSettings';

type Section = 'general' | 'risk' | 'accounts' | 'alerts';

/** 设置: language, theme and order confirmation; risk rules; CTP accounts; alert channels. */
export function SettingsPanel() {
  const t = useT();
  const [section, setSection] = useState<Section>('general');
  return (
    <div className="panel screen" data-testid="settings-panel">
      <SubTabs<Section>
        label={t('panel.settings')}
        value={section}
        onChange={setSection}
        tabs={[
          { id: 'general', label: t('set.tab.general') },
          { id: 'risk', label: t('set.tab.risk') },
          { id: 'accounts', label: t('set.tab.accounts') },
          { id: 'alerts', label: t('set.tab.alerts') },
        ]}
      >
        {section === 'general' && <GeneralSettings />}
        {section === 'risk' && <RiskSettings />}
        {section === 'accounts' && <AccountsSettings />}
        {section === 'alerts' && <AlertsSettings />}
      </SubTabs>
    </div>
  );
}

function GeneralSettings() {
  const svc = useServices();
  const t = useT();
  const lang = useSlice(svc.settings, (s) => s.lang);
  const theme = useSlice(svc.settings, (s) => s.theme);
  const confirmOrders = useSlice(svc.settings, (s) => s.confirmOrders);
  return (
    <div className="form">
      <fieldset className="seg">
        <legend>{t('top.language')}</legend>
        <div className="seg-options">
          {(['zh', 'en'] as const).map((l) => (
            <label key={l} className={`seg-opt ${lang === l ? 'on' : ''}`}>
              <input type="radio" name="set-lang" checked={lang === l} onChange={() => void svc.saveSettings({ lang: l })} />
              {l === 'zh' ? '简体中文' : 'English'}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="seg">
        <legend>{t('top.theme')}</legend>
        <div className="seg-options">
          {(['dark', 'light'] as const).map((x) => (
            <label key={x} className={`seg-opt ${theme === x ? 'on' : ''}`}>
              <input type="radio" name="set-theme" checked={theme === x} onChange={() => void svc.saveSettings({ theme: x })} />
              {x === 'dark' ? t('top.themeDark') : t('top.themeLight')}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={confirmOrders} onChange={(e) => void svc.saveSettings({ confirmOrders: e.target.checked })} />
        {t('ticket.confirm')}
      </label>
      <p className="muted form-note">{t('set.generalNote')}</p>
    </div>
  );
}
