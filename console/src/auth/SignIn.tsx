import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Cascader, Divider, Form, Select, Typography } from 'antd';
import { apolloClient } from '../apollo';
import { AreasDocument } from '../gql/graphql';
import { useI18n } from '../i18n';
import { developmentToken, type ConsoleConfig } from './consoleConfig';
import { userManager } from './oidc';

interface AreaOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: AreaOption[];
}

/**
 * The jurisdiction tree, loaded a level at a time with a token for the department and role picked so far
 * (city-wide, so every area is listed); the jurisdiction picked then narrows the token actually used.
 */
function useAreaTree(department: string | undefined, role: string | undefined) {
  const [options, setOptions] = useState<AreaOption[]>([]);
  const client = useMemo(() => ({ department, role, token: undefined as Promise<string> | undefined }), [department, role]);
  const areas = async (parentCode?: string): Promise<AreaOption[]> => {
    if (!client.department || !client.role) return [];
    client.token ??= developmentToken({ department: client.department, role: client.role });
    const result = await apolloClient(await client.token).query({ query: AreasDocument, variables: { parentCode: parentCode ?? null } });
    return (result.data?.areas ?? []).map((area) => ({ value: area.code, label: `${area.name} (${area.code})`, isLeaf: area.level === 'GRID' }));
  };
  useEffect(() => {
    setOptions([]);
    void areas().then(setOptions);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client]);
  const loadData = async (path: AreaOption[]) => {
    const target = path[path.length - 1]!;
    target.children = await areas(target.value);
    setOptions((current) => [...current]);
  };
  return { options, loadData };
}

function DevelopmentSignIn({ development, onToken }: { development: NonNullable<ConsoleConfig['development']>; onToken: (token: string) => void }) {
  const { t } = useI18n();
  const [department, setDepartment] = useState<string>();
  const [role, setRole] = useState<string>('data-officer');
  const [jurisdiction, setJurisdiction] = useState<string[]>([]);
  const [problem, setProblem] = useState<string>();
  const tree = useAreaTree(department, role);
  const signIn = async () => {
    if (!department) return;
    try {
      const picked = jurisdiction[jurisdiction.length - 1];
      onToken(await developmentToken({ department, role, ...(picked ? { jurisdiction: picked } : {}) }));
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <Form layout="vertical" onFinish={signIn}>
      <Typography.Paragraph type="secondary">{t('developmentNote')}</Typography.Paragraph>
      <Form.Item label={t('department')} required>
        <Select data-testid="signin-department" value={department} onChange={setDepartment} options={development.departments.map((d) => ({ value: d, label: d }))} />
      </Form.Item>
      <Form.Item label={t('role')} required>
        <Select data-testid="signin-role" value={role} onChange={setRole} options={development.roles.map((r) => ({ value: r, label: r }))} />
      </Form.Item>
      <Form.Item label={t('jurisdiction')}>
        <Cascader
          data-testid="signin-jurisdiction"
          disabled={!department}
          options={tree.options}
          loadData={(path) => void tree.loadData(path as AreaOption[])}
          changeOnSelect
          value={jurisdiction}
          onChange={(value) => setJurisdiction((value ?? []) as string[])}
          placeholder={t('wholeCity')}
        />
      </Form.Item>
      {problem && <Alert type="error" message={problem} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" disabled={!department} data-testid="signin-submit">
        {t('signIn')}
      </Button>
    </Form>
  );
}

export function SignIn({ config, onToken }: { config: ConsoleConfig; onToken: (token: string) => void }) {
  const { t } = useI18n();
  return (
    <Card title={t('signIn')} style={{ maxWidth: 520, margin: '48px auto' }}>
      {config.oidc && (
        <Button type="primary" block data-testid="signin-oidc" onClick={() => void userManager(config.oidc!).signinRedirect()}>
          {t('oidcSignIn')}
        </Button>
      )}
      {config.oidc && config.development && <Divider />}
      {config.development && (
        <>
          <Typography.Title level={5}>{t('developmentSignIn')}</Typography.Title>
          <DevelopmentSignIn development={config.development} onToken={onToken} />
        </>
      )}
      {!config.oidc && !config.development && <Alert type="warning" message="No sign-in is configured: set CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID on the gateway." />}
    </Card>
  );
}
