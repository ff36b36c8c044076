import { useEffect, useState } from 'react';
import { useQuery } from '@apollo/client';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorList } from '../ErrorList';
import { AuditReadsPerDayDocument, AuditRecordsDocument, DepartmentsDocument, PurposesDocument, type AuditFilter, type AuditRecordsQuery } from '../gql/graphql';
import { useI18n } from '../i18n';
import { exportAuditCsv, type ExportProgress } from './audit/csvExport';
import { ReadsChart } from './audit/ReadsChart';

type AuditRow = NonNullable<AuditRecordsQuery['auditRecords']>['edges'][number]['node'];

const PAGE_SIZE = 20;
const CHART_DAYS = 30;
const DECISIONS = ['allow', 'mask', 'deny'];
const DECISION_COLORS: Record<string, string> = { allow: 'green', mask: 'gold', deny: 'red' };
const DENIED_ROW = { background: '#fff1f0' };

interface SearchForm {
  residentId?: string;
  department?: string;
  subject?: string;
  fieldName?: string;
  purpose?: string;
  decision?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

/** The form as the API's filter: blank fields are no condition; the period's end is exclusive. */
function filterOf(form: SearchForm): AuditFilter {
  const text = (value: string | undefined) => value?.trim() || undefined;
  const [from, to] = form.period ?? [];
  return {
    residentId: text(form.residentId),
    department: form.department,
    subject: text(form.subject),
    fieldName: text(form.fieldName),
    purpose: form.purpose,
    decision: form.decision,
    from: from?.toISOString(),
    to: to?.toISOString(),
  };
}

/**
 * The trail pages forward by cursor (oldest first): a page is reachable once the page before it has been
 * read, which gave its cursor. `cursors[n]` opens page n + 1.
 */
function useCursorPages(filter: AuditFilter) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState(1);
  const query = useQuery(AuditRecordsDocument, { variables: { filter, first: PAGE_SIZE, after: cursors[page - 1] }, fetchPolicy: 'network-only' });
  const connection = query.data?.auditRecords;
  const endCursor = connection?.pageInfo.endCursor;
  const hasNext = Boolean(connection?.pageInfo.hasNextPage);
  useEffect(() => {
    if (hasNext && endCursor) setCursors((known) => (known.length === page ? [...known, endCursor] : known));
  }, [hasNext, endCursor, page]);
  const restart = () => {
    setCursors([undefined]);
    setPage(1);
  };
  const goTo = (next: number) => next <= cursors.length && setPage(next);
  return { query, connection, page, reachable: cursors.length, goTo, restart };
}

function ExportButton({ token, filter }: { token: string; filter: AuditFilter }) {
  const { t } = useI18n();
  const [progress, setProgress] = useState<ExportProgress>();
  const [problem, setProblem] = useState<string>();
  const [running, setRunning] = useState(false);
  const run = async () => {
    setProblem(undefined);
    setProgress(undefined);
    setRunning(true);
    try {
      await exportAuditCsv(token, filter, setProgress);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setRunning(false);
    }
  };
  return (
    <Space direction="vertical">
      <Space>
        <Button onClick={() => void run()} loading={running} data-testid="audit-export">
          {t('auditExport')}
        </Button>
        {progress && (
          <Typography.Text data-testid="audit-export-progress" data-done={String(progress.done)}>
            {progress.done ? t('auditExported') : t('auditExporting')}: {progress.rows} {t('auditRows')} · {(progress.bytes / 1024).toFixed(1)} KB
          </Typography.Text>
        )}
      </Space>
      {problem && <Alert type="error" showIcon message={problem} data-testid="audit-export-error" />}
    </Space>
  );
}

/** Who read what, when and why, and who was refused: search, pages, a chart per day, and a streamed CSV export. */
export function AuditScreen({ token }: { token: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm<SearchForm>();
  const [filter, setFilter] = useState<AuditFilter>({});
  const departments = useQuery(DepartmentsDocument);
  const purposes = useQuery(PurposesDocument);
  const pages = useCursorPages(filter);
  const chart = useQuery(AuditReadsPerDayDocument, { variables: { filter, days: CHART_DAYS }, fetchPolicy: 'network-only' });
  const search = (values: SearchForm) => {
    setFilter(filterOf(values));
    pages.restart();
  };
  const options = (values: string[]) => values.map((value) => ({ value, label: value }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Form form={form} layout="inline" onFinish={search} data-testid="audit-search">
        <Form.Item name="residentId" label={t('auditResident')}>
          <Input style={{ width: 110 }} allowClear data-testid="audit-resident" />
        </Form.Item>
        <Form.Item name="department" label={t('department')}>
          <Select allowClear style={{ width: 150 }} options={options((departments.data?.departments ?? []).map((d) => d.code))} />
        </Form.Item>
        <Form.Item name="subject" label={t('auditUser')}>
          <Input style={{ width: 200 }} allowClear data-testid="audit-subject" />
        </Form.Item>
        <Form.Item name="fieldName" label={t('field')}>
          <Input style={{ width: 130 }} allowClear placeholder="idNumber" data-testid="audit-field" />
        </Form.Item>
        <Form.Item name="purpose" label={t('purpose')}>
          <Select allowClear style={{ width: 190 }} options={(purposes.data?.purposes ?? []).map((p) => ({ value: p.code, label: p.code, title: p.code }))} />
        </Form.Item>
        <Form.Item name="decision" label={t('decision')}>
          <Select allowClear style={{ width: 100 }} options={options(DECISIONS)} />
        </Form.Item>
        <Form.Item name="period" label={t('time')}>
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} data-testid="audit-period" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="audit-run">
            {t('auditSearch')}
          </Button>
        </Form.Item>
      </Form>
      <ErrorList error={pages.query.error ?? chart.error ?? departments.error} />
      <Card size="small" title={`${t('auditChart')} (${t('auditLastDays').replace('{days}', String(CHART_DAYS))})`}>
        <ReadsChart counts={chart.data?.auditReadsPerDay ?? []} />
      </Card>
      <ExportButton token={token} filter={filter} />
      <Table<AuditRow>
        data-testid="audit-table"
        size="small"
        rowKey="id"
        loading={pages.query.loading}
        dataSource={pages.connection?.edges.map((edge) => edge.node) ?? []}
        onRow={(row) => ({ style: row.decision === 'deny' ? DENIED_ROW : undefined, 'data-decision': row.decision } as React.HTMLAttributes<HTMLElement>)}
        pagination={{
          current: pages.page,
          pageSize: PAGE_SIZE,
          total: pages.connection?.totalCount ?? 0,
          showSizeChanger: false,
          onChange: pages.goTo,
          showTotal: (total) => `${total} ${t('auditRecordsTotal')}`,
          itemRender: (page, type, element) => (type === 'page' && page > pages.reachable ? <span title={t('auditPageByPage')}>{page}</span> : element),
        }}
        columns={[
          { title: t('time'), dataIndex: 'at', render: (at: string) => new Date(at).toLocaleString() },
          { title: t('auditUser'), dataIndex: 'subject' },
          { title: t('department'), dataIndex: 'department' },
          { title: t('role'), dataIndex: 'roles' },
          { title: t('purpose'), dataIndex: 'purpose', render: (purpose: string | null) => purpose ?? <Typography.Text type="secondary">{t('noPurpose')}</Typography.Text> },
          { title: t('field'), key: 'field', render: (_, row) => <Typography.Text code>{`${row.typeName}.${row.fieldName}`}</Typography.Text> },
          { title: t('auditRecord'), dataIndex: 'recordId' },
          { title: t('decision'), dataIndex: 'decision', render: (decision: string) => <Tag color={DECISION_COLORS[decision]}>{decision === 'deny' ? `${decision} · ${t('auditDenied')}` : decision}</Tag> },
          { title: t('basis'), dataIndex: 'grantId', render: (grantId: number | null) => (grantId === null ? '' : `grant #${grantId}`) },
          { title: t('auditSubgraph'), dataIndex: 'subgraph' },
        ]}
      />
    </Space>
  );
}
