import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import { App } from './App';
import { I18nProvider, useI18n } from './i18n';

/**
 * Ant Design writes its styles into <style> elements at run time; the page's content security policy
 * admits only those carrying the nonce the gateway put into this page's meta tag for this load.
 */
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';

function Localised() {
  const { antdLocale } = useI18n();
  return (
    <ConfigProvider locale={antdLocale} csp={{ nonce }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Localised />
    </I18nProvider>
  </StrictMode>,
);
