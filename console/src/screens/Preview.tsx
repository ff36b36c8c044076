import { useState } from 'react';
import { useLazyQuery, useQuery } from '@apollo/client';
import { Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { AreaTreeSelect } from '../components/AreaTreeSelect';
import { ErrorList } from '../ErrorList';
import { DepartmentsDocument, ExplainAccessDocument, PurposesDocument, type ExplainAccessQuery } from '../gql/graphql';
import { useI18n } from '../i18n';

type FieldAccess = NonNullable<ExplainAccessQuery['explainAccess']>[number];

const ROLES = ['officer', 'grid-worker', 'duty', 'data-officer'];
const DECISION_COLORS: Record<string, string> = { PUBLIC: 'default', ALLOW: 'green', MASK: 'gold', DENY: 'red', OUT_OF_SCOPE: 'blue' };
/** Operations a data officer is often asked about, to pick instead of writing one (any may be pasted). */
const EXAMPLES: Record<string, string> = {
  'Residents with their buildings': `query {
  residents(first: 5) {
    edges { node { name phone idNumber careCategories building { address managerPhone } } }
  }
}`,
  'Incidents with reporters and dispatches': `query {
  incidents(first: 5) {
    edges { node { title description reporter { name phone } involvedResidents { name } dispatches { status team { name leaderPhone } } } }
  }
}`,
  'Buildings with hazards and inspections': `query {
  buildings(first: 5) {
    edges { node { address managerName managerPhone inspections { result notes } } }
  }
}`,
  'Elderly residents living alone': `query {
  residents(first: 20, filter: { careCategory: ELDERLY_LIVING_ALONE }) {
    edges { node { name age phone needsEvacuationAssistance careVisits { notes } } }
  }
}`,
};
const FIRST_EXAMPLE = Object.values(EXAMPLES)[0]!;

/** explainAccess: what a department would get of each field of an operation, and the rule or grant behind it; no data is read. */
export function PreviewScreen() {
  const { t } = useI18n();
  const departments = useQuery(DepartmentsDocument);
  const purposes = useQuery(PurposesDocument);
  const [explain, { data, loading, error }] = useLazyQuery(ExplainAccessDocument, { fetchPolicy: 'network-only' });
  const [department, setDepartment] = useState('fire');
  const [role, setRole] = useState('officer');
  const [jurisdiction, setJurisdiction] = useState('');
  const [purpose, setPurpose] = useState<string>();
  const [operation, setOperation] = useState(FIRST_EXAMPLE);
  const run = () =>
    void explain({ variables: { input: { department, role, operation, ...(jurisdiction ? { jurisdiction } : {}), ...(purpose ? { purpose } : {}) } } });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form layout="inline" onFinish={run}>
        <Form.Item label={t('department')}>
          <Select style={{ width: 160 }} value={department} onChange={setDepartment} data-testid="preview-department" options={(departments.data?.departments ?? []).map((d) => ({ value: d.code, label: `${d.code} · ${d.name}` }))} />
        </Form.Item>
        <Form.Item label={t('role')}>
          <Select style={{ width: 140 }} value={role} onChange={setRole} options={ROLES.map((r) => ({ value: r, label: r }))} />
        </Form.Item>
        <Form.Item label={t('jurisdiction')}>
          <AreaTreeSelect root="" value={jurisdiction} onChange={setJurisdiction} testId="preview-jurisdiction" />
        </Form.Item>
        <Form.Item label={t('purpose')}>
          <Select allowClear style={{ width: 200 }} value={purpose} onChange={setPurpose} placeholder={t('noPurpose')} options={(purposes.data?.purposes ?? []).map((p) => ({ value: p.code, label: p.code, title: p.description }))} />
        </Form.Item>
      </Form>
      <Space>
        <Typography.Text>{t('operation')}</Typography.Text>
        <Select style={{ width: 340 }} placeholder={t('pickOperation')} onChange={(name: string) => setOperation(EXAMPLES[name]!)} options={Object.keys(EXAMPLES).map((name) => ({ value: name, label: name }))} data-testid="preview-examples" />
      </Space>
      <Input.TextArea rows={8} value={operation} onChange={(event) => setOperation(event.target.value)} style={{ fontFamily: 'monospace' }} data-testid="preview-operation" />
      <Button type="primary" onClick={run} loading={loading} data-testid="preview-run">
        {t('explain')}
      </Button>
      <ErrorList error={error ?? departments.error} />
      {data?.explainAccess && (
        <Table<FieldAccess>
          data-testid="preview-result"
          size="small"
          rowKey="path"
          pagination={false}
          dataSource={data.explainAccess}
          columns={[
            { title: t('path'), dataIndex: 'path', render: (path: string) => <Typography.Text code>{path}</Typography.Text> },
            { title: t('classification'), dataIndex: 'classification' },
            { title: t('decision'), dataIndex: 'decision', render: (decision: string, row) => <Tag color={DECISION_COLORS[decision]} data-testid={`decision-${row.path}`}>{decision}{row.mask ? ` · ${row.mask}` : ''}</Tag> },
            { title: t('basis'), key: 'basis', render: (_, row) => (row.grantId !== null && row.grantId !== undefined ? `grant #${row.grantId}` : row.ruleIndex !== null && row.ruleIndex !== undefined ? `rule ${row.ruleIndex}` : '') },
            { title: t('reason'), dataIndex: 'reason' },
            { title: t('conditions'), dataIndex: 'conditions', render: (conditions: string[]) => conditions.join('; ') },
          ]}
        />
      )}
    </Space>
  );
}
