import { useEffect, useMemo, useState } from 'react';
import { ApolloProvider } from '@apollo/client';
import { Alert, Layout, Menu, Segmented, Space, Spin, Typography, Button } from 'antd';
import { apolloClient } from './apollo';
import { forgetToken, saveToken, savedSession, sessionOf, type Session } from './auth/session';
import { loadConsoleConfig, type ConsoleConfig } from './auth/consoleConfig';
import { CALLBACK_PATH, userManager } from './auth/oidc';
import { SignIn } from './auth/SignIn';
import { useI18n, type Language, type MessageKey } from './i18n';
import { AuditScreen } from './screens/Audit';
import { CatalogueScreen } from './screens/Catalogue';
import { MatrixScreen } from './screens/Matrix';
import { PreviewScreen } from './screens/Preview';
import { ReportsScreen } from './screens/Reports';
import { RulesScreen } from './screens/Rules';
import { DutyDeskScreen } from './screens/DutyDesk';
import { SharingScreen } from './screens/Sharing';

const SCREENS: Record<string, { label: MessageKey; render: (session: Session) => React.ReactNode }> = {
  matrix: { label: 'matrix', render: () => <MatrixScreen /> },
  catalogue: { label: 'catalogue', render: (session) => <CatalogueScreen token={session.token} department={session.claims.department} dataOfficer={session.claims.roles.includes('data-officer')} /> },
  reports: { label: 'reports', render: (session) => <ReportsScreen token={session.token} /> },
  rules: { label: 'rules', render: (session) => <RulesScreen department={session.claims.department} /> },
  preview: { label: 'preview', render: () => <PreviewScreen /> },
  sharing: { label: 'sharing', render: (session) => <SharingScreen department={session.claims.department} /> },
  audit: { label: 'audit', render: (session) => <AuditScreen token={session.token} /> },
  'duty-desk': { label: 'dutyDesk', render: (session) => <DutyDeskScreen token={session.token} jurisdiction={session.claims.jurisdiction} /> },
};

/** Screens are addressed by the path after /console/ (the gateway answers every such path with this page). */
function screenOfLocation(): string {
  const name = location.pathname.replace(/^\/console\/?/, '').split('/')[0] ?? '';
  return name in SCREENS ? name : 'matrix';
}

function LanguageSwitch() {
  const { language, setLanguage } = useI18n();
  return <Segmented size="small" value={language} onChange={(value) => setLanguage(value as Language)} options={[{ value: 'zh', label: '中文' }, { value: 'en', label: 'English' }]} data-testid="language" />;
}

function Workspace({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { t } = useI18n();
  const [screen, setScreen] = useState(screenOfLocation);
  const client = useMemo(() => apolloClient(session.token), [session.token]);
  const go = (name: string) => {
    history.pushState(null, '', `/console/${name}`);
    setScreen(name);
  };
  const { claims } = session;
  return (
    <ApolloProvider client={client}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
          <Typography.Text style={{ color: '#fff', fontWeight: 600 }}>{t('title')}</Typography.Text>
          <Menu theme="dark" mode="horizontal" disabledOverflow selectedKeys={[screen]} onClick={({ key }) => go(key)} style={{ flex: 1 }} items={Object.entries(SCREENS).map(([key, s]) => ({ key, label: t(s.label) }))} />
          <Space>
            <Typography.Text style={{ color: '#fff' }} data-testid="signed-in-as">
              {t('signedInAs')}: {claims.sub} · {claims.department} · {claims.roles.join(', ')}
              {claims.jurisdiction ? ` · ${claims.jurisdiction}` : ''}
            </Typography.Text>
            <LanguageSwitch />
            <Button size="small" onClick={onSignOut} data-testid="sign-out">
              {t('signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>{SCREENS[screen]!.render(session)}</Layout.Content>
      </Layout>
    </ApolloProvider>
  );
}

export function App() {
  const { t } = useI18n();
  const [config, setConfig] = useState<ConsoleConfig>();
  const [problem, setProblem] = useState<string>();
  const [session, setSession] = useState<Session | undefined>(savedSession);
  const signedIn = (token: string) => {
    const next = sessionOf(token);
    if (!next) return setProblem('The token is not readable or has expired');
    saveToken(token);
    setSession(next);
  };
  useEffect(() => {
    loadConsoleConfig()
      .then(async (loaded) => {
        setConfig(loaded);
        if (location.pathname === CALLBACK_PATH && loaded.oidc) {
          const user = await userManager(loaded.oidc).signinRedirectCallback();
          history.replaceState(null, '', '/console/');
          signedIn(user.access_token);
        }
      })
      .catch((error: Error) => setProblem(error.message));
  }, []);
  const signOut = () => {
    forgetToken();
    setSession(undefined);
  };
  if (problem) return <Alert type="error" message={problem} style={{ margin: 48 }} />;
  if (session) return <Workspace session={session} onSignOut={signOut} />;
  if (!config) return <Spin style={{ margin: 48 }} />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Text style={{ color: '#fff', fontWeight: 600 }}>{t('title')}</Typography.Text>
        <LanguageSwitch />
      </Layout.Header>
      <SignIn config={config} onToken={signedIn} />
    </Layout>
  );
}
