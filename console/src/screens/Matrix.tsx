import { useMemo, useState } from 'react';
import { useQuery } from '@apollo/client';
import { Card, Col, Input, List, Row, Select, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ErrorList } from '../ErrorList';
import { AccessMatrixDocument, type AccessMatrixQuery } from '../gql/graphql';
import { useI18n, type MessageKey } from '../i18n';

type MatrixRow = NonNullable<AccessMatrixQuery['accessMatrix']>['rows'][number];
type MatrixCell = MatrixRow['cells'][number];
type Decision = MatrixCell['inside'];

export const STATE_COLORS: Record<string, string> = {
  ALLOW: 'green',
  MASK: 'gold',
  DENY: 'red',
  SCOPED: 'blue',
  SCOPED_MASK: 'cyan',
  MIXED: 'purple',
};

const LEGEND: Record<string, MessageKey> = {
  ALLOW: 'legendAllow',
  MASK: 'legendMask',
  DENY: 'legendDeny',
  SCOPED: 'legendScoped',
  SCOPED_MASK: 'legendScopedMask',
  MIXED: 'legendMixed',
};

function decisionLine(label: string, decision: Decision) {
  return (
    <div>
      <b>{label}:</b> {decision.effect}
      {decision.mask ? ` (${decision.mask})` : ''} — {decision.reason}
    </div>
  );
}

function CellDetail({ cell }: { cell: MatrixCell }) {
  const { t } = useI18n();
  return (
    <div data-testid="cell-detail">
      {decisionLine(t('inside'), cell.inside)}
      {decisionLine(t('outside'), cell.outside)}
      {cell.withPurpose && decisionLine(t('withPurpose'), cell.withPurpose)}
      {cell.conditions.length > 0 && (
        <div>
          <b>{t('conditions')}:</b> {cell.conditions.join('; ')}
        </div>
      )}
      {cell.grants.map((grant) => (
        <div key={grant.id}>
          <b>{t('grants')}:</b> #{grant.id} “{grant.purpose}” {grant.scope || '*'} → {new Date(grant.validUntil).toLocaleString()}
        </div>
      ))}
    </div>
  );
}

/** One cell: the state as a coloured tag, with marks for conditions (C), purpose-bound rules (P) and grants (G). */
export function MatrixCellTag({ cell }: { cell: MatrixCell }) {
  const mask = cell.state.includes('MASK') ? cell.inside.mask : null;
  return (
    <Tooltip title={<CellDetail cell={cell} />} overlayStyle={{ maxWidth: 520 }}>
      <Tag color={STATE_COLORS[cell.state]} data-testid={`cell-${cell.department}`} data-state={cell.state}>
        {cell.state.toLowerCase().replace('_', '-')}
        {mask ? `·${mask}` : ''}
        {cell.conditions.length > 0 ? ' C' : ''}
        {cell.withPurpose ? ' P' : ''}
        {cell.grants.length > 0 ? ` G${cell.grants.length}` : ''}
      </Tag>
    </Tooltip>
  );
}

function matrixColumns(departments: string[], t: (key: MessageKey) => string): ColumnsType<MatrixRow> {
  return [
    { title: t('subgraph'), dataIndex: 'subgraph', key: 'subgraph', width: 110, fixed: 'left' },
    {
      title: t('field'),
      key: 'field',
      fixed: 'left',
      width: 260,
      render: (_, row) => (
        <Typography.Text code data-testid="matrix-field">
          {row.field}
        </Typography.Text>
      ),
    },
    { title: t('classification'), dataIndex: 'classification', key: 'classification', width: 140, render: (value: string) => <Tag>{value}</Tag> },
    { title: t('owner'), dataIndex: 'owner', key: 'owner', width: 100 },
    ...departments.map((department) => ({
      title: department,
      key: department,
      width: 130,
      render: (_: unknown, row: MatrixRow) => {
        const cell = row.cells.find((c) => c.department === department);
        return cell ? <MatrixCellTag cell={cell} /> : null;
      },
    })),
  ];
}

function DepartmentView({ rows, department }: { rows: MatrixRow[]; department: string }) {
  const { t } = useI18n();
  const cellOf = (row: MatrixRow) => row.cells.find((c) => c.department === department)!;
  const seen = rows.filter((row) => cellOf(row).state !== 'DENY');
  const unseen = rows.filter((row) => cellOf(row).state === 'DENY');
  const list = (title: string, items: MatrixRow[], testId: string) => (
    <Card size="small" title={`${title} (${items.length})`} data-testid={testId}>
      <List
        size="small"
        dataSource={items}
        renderItem={(row) => (
          <List.Item>
            <Typography.Text code>{row.field}</Typography.Text> <MatrixCellTag cell={cellOf(row)} />
          </List.Item>
        )}
      />
    </Card>
  );
  return (
    <Row gutter={16}>
      <Col span={12}>{list(t('canSee'), seen, 'can-see')}</Col>
      <Col span={12}>{list(t('cannotSee'), unseen, 'cannot-see')}</Col>
    </Row>
  );
}

export function MatrixScreen() {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(AccessMatrixDocument, { pollInterval: 5000 });
  const [shownDepartments, setShownDepartments] = useState<string[]>([]);
  const [fieldFilter, setFieldFilter] = useState('');
  const [oneDepartment, setOneDepartment] = useState<string>();
  const matrix = data?.accessMatrix;
  const departments = shownDepartments.length ? shownDepartments : (matrix?.departments ?? []);
  const rows = useMemo(
    () => (matrix?.rows ?? []).filter((row) => row.field.toLowerCase().includes(fieldFilter.toLowerCase()) || (row.subgraph ?? '').includes(fieldFilter.toLowerCase())),
    [matrix, fieldFilter],
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorList error={error} />
      <Space wrap>
        <Typography.Text>
          {t('policyVersion')}: <b data-testid="policy-version">{matrix?.version ?? '…'}</b>
        </Typography.Text>
        <Select mode="multiple" allowClear style={{ minWidth: 320 }} placeholder={t('filterDepartments')} value={shownDepartments} onChange={setShownDepartments} options={(matrix?.departments ?? []).map((d) => ({ value: d, label: d }))} data-testid="filter-departments" />
        <Input.Search allowClear placeholder={t('filterField')} style={{ width: 240 }} onChange={(event) => setFieldFilter(event.target.value)} data-testid="filter-field" />
        <Select allowClear style={{ width: 200 }} placeholder={t('byDepartment')} value={oneDepartment} onChange={setOneDepartment} options={(matrix?.departments ?? []).map((d) => ({ value: d, label: d }))} data-testid="one-department" />
      </Space>
      <Space wrap size={4}>
        {t('legend')}:
        {Object.entries(LEGEND).map(([state, text]) => (
          <Tag key={state} color={STATE_COLORS[state]}>
            {t(text)}
          </Tag>
        ))}
        <Tag>{t('legendConditions')}</Tag>
        <Tag>{t('legendPurpose')}</Tag>
        <Tag>{t('legendGrants')}</Tag>
      </Space>
      {loading && !matrix ? <Spin /> : null}
      {oneDepartment ? (
        <DepartmentView rows={rows} department={oneDepartment} />
      ) : (
        <Table<MatrixRow> data-testid="matrix" size="small" rowKey="field" columns={matrixColumns(departments, t)} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} />
      )}
    </Space>
  );
}
