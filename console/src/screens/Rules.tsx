import { useEffect, useMemo, useState } from 'react';
import { useLazyQuery, useMutation, useQuery } from '@apollo/client';
import { Alert, Button, Card, Input, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { ErrorList } from '../ErrorList';
import {
  AccessMatrixDocument,
  PolicyDiffDocument,
  PolicyInForceDocument,
  PolicyVersionsDocument,
  PreviewPolicyDocument,
  RollbackPolicyDocument,
  SetFieldRulesDocument,
  type PolicyDiffQuery,
} from '../gql/graphql';
import { useI18n } from '../i18n';
import { PolicyChanges } from './PolicyChanges';
import { draftOf, policyYamlWith, type DraftRule } from './rulesDraft';

const EFFECTS = ['allow', 'mask', 'deny'];
const MASKS = ['idNumber', 'phone', 'name', 'birthYear', 'redacted'];
const ROLES = ['officer', 'grid-worker', 'duty', 'data-officer'];

type Diff = NonNullable<PolicyDiffQuery['policyDiff']>;

function DiffView({ diff }: { diff: Pick<Diff, 'unchanged'> & { added: Diff['added'][number][]; removed: Diff['removed'][number][] } }) {
  const line = (rule: Diff['added'][number]) => `${rule.field}: ${rule.effect}${rule.mask ? `(${rule.mask})` : ''} for ${rule.departments.join(', ')}${rule.scope === 'jurisdiction' ? ' inside the jurisdiction' : ''}`;
  return (
    <div data-testid="policy-diff">
      {diff.removed.map((rule, i) => (
        <div key={`r${i}`} style={{ color: '#cf1322' }}>
          − {line(rule)}
        </div>
      ))}
      {diff.added.map((rule, i) => (
        <div key={`a${i}`} style={{ color: '#389e0d' }}>
          + {line(rule)}
        </div>
      ))}
      <Typography.Text type="secondary">{diff.unchanged} unchanged</Typography.Text>
    </div>
  );
}

function RuleEditor({ rules, departments, onChange }: { rules: DraftRule[]; departments: string[]; onChange: (rules: DraftRule[]) => void }) {
  const { t } = useI18n();
  const update = (index: number, change: Partial<DraftRule>) => onChange(rules.map((rule, i) => (i === index ? { ...rule, ...change } : rule)));
  return (
    <Table<DraftRule & { key: number }>
      size="small"
      pagination={false}
      data-testid="rule-editor"
      dataSource={rules.map((rule, key) => ({ ...rule, key }))}
      columns={[
        { title: t('department'), key: 'departments', render: (_, rule) => <Select data-testid={`rule-${rule.key}-departments`} mode="multiple" style={{ minWidth: 260 }} value={rule.departments} onChange={(value) => update(rule.key, { departments: value })} options={['*', ...departments].map((d) => ({ value: d, label: d }))} /> },
        { title: t('role'), key: 'roles', render: (_, rule) => <Select mode="multiple" allowClear style={{ minWidth: 140 }} value={rule.roles ?? []} onChange={(value) => update(rule.key, { roles: value.length ? value : null })} options={ROLES.map((r) => ({ value: r, label: r }))} /> },
        { title: 'Effect', key: 'effect', render: (_, rule) => <Select style={{ width: 90 }} value={rule.effect} onChange={(effect) => update(rule.key, { effect, mask: effect === 'mask' ? (rule.mask ?? 'redacted') : null })} options={EFFECTS.map((e) => ({ value: e, label: e }))} /> },
        { title: 'Mask', key: 'mask', render: (_, rule) => (rule.effect === 'mask' ? <Select style={{ width: 120 }} value={rule.mask ?? undefined} onChange={(mask) => update(rule.key, { mask })} options={MASKS.map((m) => ({ value: m, label: m }))} /> : null) },
        { title: 'Scope', key: 'scope', render: (_, rule) => <Select style={{ width: 130 }} value={rule.scope ?? 'everywhere'} onChange={(scope) => update(rule.key, { scope: scope === 'everywhere' ? null : scope })} options={['everywhere', 'jurisdiction'].map((s) => ({ value: s, label: s }))} /> },
        { title: t('purpose'), key: 'requirePurpose', render: (_, rule) => <Switch size="small" checked={Boolean(rule.requirePurpose)} onChange={(requirePurpose) => update(rule.key, { requirePurpose: requirePurpose || null })} /> },
        { title: t('conditions'), key: 'when', render: (_, rule) => (rule.when ?? []).map((c) => <Tag key={c.field}>{`${c.field} ${c.in ? `in ${c.in.join(',')}` : ''}${c.notIn ? `not in ${c.notIn.join(',')}` : ''}`}</Tag>) },
        { title: t('reason'), key: 'reason', render: (_, rule) => <Input style={{ minWidth: 220 }} value={rule.reason ?? ''} onChange={(event) => update(rule.key, { reason: event.target.value })} /> },
        { title: '', key: 'remove', render: (_, rule) => <Button size="small" danger onClick={() => onChange(rules.filter((_r, i) => i !== rule.key))}>−</Button> },
      ]}
    />
  );
}

function History({ version }: { version: number | undefined }) {
  const { t } = useI18n();
  const versions = useQuery(PolicyVersionsDocument, { fetchPolicy: 'network-only' });
  const [diff, diffResult] = useLazyQuery(PolicyDiffDocument, { fetchPolicy: 'network-only' });
  const [rollback, rollbackResult] = useMutation(RollbackPolicyDocument, { refetchQueries: 'active' });
  const [reason, setReason] = useState('');
  useEffect(() => void versions.refetch(), [version]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Card size="small" title={t('history')} data-testid="history">
      <ErrorList error={versions.error ?? diffResult.error ?? rollbackResult.error} />
      <Space style={{ marginBottom: 8 }}>
        <Input placeholder={t('rollbackReason')} value={reason} onChange={(event) => setReason(event.target.value)} style={{ width: 320 }} data-testid="rollback-reason" />
      </Space>
      <Table
        size="small"
        rowKey="version"
        pagination={{ pageSize: 8 }}
        dataSource={[...(versions.data?.policyVersions ?? [])].sort((a, b) => b.version - a.version)}
        columns={[
          { title: t('policyVersion'), dataIndex: 'version' },
          { title: t('author'), dataIndex: 'author' },
          { title: t('time'), dataIndex: 'publishedAt', render: (at: string) => new Date(at).toLocaleString() },
          { title: t('reason'), dataIndex: 'reason' },
          {
            title: '',
            key: 'actions',
            render: (_, row) => (
              <Space>
                {row.version > 1 && <Button size="small" onClick={() => void diff({ variables: { from: row.version - 1, to: row.version } })}>{t('diff')}</Button>}
                {row.version !== version && (
                  <Popconfirm title={`${t('rollback')} → ${row.version}?`} disabled={!reason.trim()} onConfirm={() => void rollback({ variables: { input: { toVersion: row.version, reason } } })}>
                    <Button size="small" danger disabled={!reason.trim()} data-testid={`rollback-${row.version}`}>
                      {t('rollback')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {diffResult.data?.policyDiff && <DiffView diff={diffResult.data.policyDiff} />}
    </Card>
  );
}

/**
 * Rules of the fields the officer's department owns: drafted here, previewed by the access service
 * (problems by rule, the change, what each department would then see), published with a reason against the version edited (baseVersion),
 * with the history of versions, their diffs and rollback. The access service decides who may change
 * what; this screen only offers the fields it would accept.
 */
export function RulesScreen({ department }: { department: string }) {
  const { t } = useI18n();
  const policy = useQuery(PolicyInForceDocument, { fetchPolicy: 'network-only' });
  const matrix = useQuery(AccessMatrixDocument);
  const [preview, previewResult] = useLazyQuery(PreviewPolicyDocument, { fetchPolicy: 'network-only' });
  const [publish, publishResult] = useMutation(SetFieldRulesDocument, { refetchQueries: 'active' });
  const [field, setField] = useState<string>();
  const [draft, setDraft] = useState<DraftRule[]>([]);
  const [reason, setReason] = useState('');
  const inForce = policy.data?.policy;
  const ownedFields = useMemo(() => (matrix.data?.accessMatrix?.rows ?? []).filter((row) => row.owner === department).map((row) => row.field), [matrix.data, department]);
  useEffect(() => {
    if (inForce && field) setDraft(inForce.rules.filter((rule) => rule.field === field).map(draftOf));
  }, [inForce, field]);
  const add = () => field && setDraft([...draft, { field, departments: [], effect: 'deny' }]);
  const runPreview = () => inForce && field && void preview({ variables: { yaml: policyYamlWith(inForce.yaml, field, draft) } });
  const runPublish = async () => {
    if (!inForce || !field) return;
    const result = await publish({ variables: { input: { field, rules: draft, reason, baseVersion: inForce.version } } });
    if (result.data?.setFieldRules) setReason('');
  };
  const checked = previewResult.data?.previewPolicy;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorList error={policy.error ?? matrix.error} />
      <Space wrap>
        <Typography.Text>
          {t('policyVersion')}: <b data-testid="rules-version">{inForce?.version ?? '…'}</b>
        </Typography.Text>
        <Select showSearch style={{ width: 320 }} placeholder={t('fieldYouOwn')} value={field} onChange={setField} options={ownedFields.map((f) => ({ value: f, label: f }))} data-testid="rules-field" />
      </Space>
      {field && (
        <Card size="small" title={field}>
          <RuleEditor rules={draft} departments={matrix.data?.accessMatrix?.departments ?? []} onChange={setDraft} />
          <Space style={{ marginTop: 12 }} wrap>
            <Button onClick={add}>+ {t('addRule')}</Button>
            <Button onClick={runPreview} loading={previewResult.loading} data-testid="rules-preview">
              {t('previewChange')}
            </Button>
            <Input placeholder={t('publishReason')} style={{ width: 320 }} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="rules-reason" />
            <Button type="primary" disabled={!reason.trim()} loading={publishResult.loading} onClick={() => void runPublish()} data-testid="rules-publish">
              {t('publish')}
            </Button>
          </Space>
          <ErrorList error={previewResult.error ?? publishResult.error} />
          {publishResult.data?.setFieldRules && <Alert type="success" showIcon style={{ marginTop: 12 }} message={`${t('published')} ${publishResult.data.setFieldRules.version}`} data-testid="rules-published" />}
          {checked && (
            <Card size="small" style={{ marginTop: 12 }} title={checked.valid ? t('draftValid') : t('draftInvalid')} data-testid="rules-checked">
              {checked.problems.map((problem) => (
                <Alert key={problem.path} type="error" message={`${problem.path}: ${problem.message}`} style={{ marginBottom: 4 }} />
              ))}
              {checked.fieldsNotYours.length > 0 && <Alert type="warning" message={`${t('notYours')}: ${checked.fieldsNotYours.join(', ')}`} />}
              {checked.diff && <DiffView diff={checked.diff} />}
              {checked.valid && <PolicyChanges changes={checked.changes} />}
            </Card>
          )}
        </Card>
      )}
      <History version={inForce?.version} />
    </Space>
  );
}
