import { useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { Button, Card, Input, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { ErrorList } from '../ErrorList';
import { DeleteReportDocument, SavedReportDocument, SavedReportsDocument, type ReportListPartsFragment } from '../gql/graphql';
import { useI18n } from '../i18n';
import { ReportDefinition } from './reports/ReportDefinition';
import { RunPanel } from './reports/RunPanel';

type Listed = ReportListPartsFragment;

const matches = (report: Listed, words: string[]) => {
  const text = `${report.name} ${report.description}`.toLowerCase();
  return words.every((word) => text.includes(word));
};

function SharedWith({ departments }: { departments: readonly string[] }) {
  const { t } = useI18n();
  if (departments.includes('*')) return <Tag color="blue">{t('reportAllDepartments')}</Tag>;
  if (!departments.length) return <Typography.Text type="secondary">{t('reportNotShared')}</Typography.Text>;
  return (
    <>
      {departments.map((department) => (
        <Tag key={department}>{department}</Tag>
      ))}
    </>
  );
}

/** One report: run it, download it, read its definition; delete it when the server says the user may. */
function ReportPanel({ token, id, onDeleted }: { token: string; id: string; onDeleted: () => void }) {
  const { t } = useI18n();
  const report = useQuery(SavedReportDocument, { variables: { id }, fetchPolicy: 'network-only' });
  const [remove, removal] = useMutation(DeleteReportDocument);
  const saved = report.data?.savedReport;
  if (!saved) return <ErrorList error={report.error} />;
  return (
    <Card
      data-testid="report-panel"
      data-report={saved.id}
      title={saved.name}
      extra={
        saved.editable && (
          <Popconfirm
            title={t('reportDeleteConfirm')}
            onConfirm={async () => {
              const answer = await remove({ variables: { id: saved.id } });
              if (answer.data?.deleteReport) onDeleted();
            }}
          >
            <Button danger loading={removal.loading} data-testid="report-delete">
              {t('reportDelete')}
            </Button>
          </Popconfirm>
        )
      }
    >
      <ErrorList error={report.error ?? removal.error} />
      <Typography.Paragraph type="secondary">{saved.description}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'run', label: t('reportRunTab'), children: <RunPanel key={saved.id} token={token} report={saved} /> },
          { key: 'definition', label: <span data-testid="report-definition-tab">{t('reportDefinitionTab')}</span>, children: <ReportDefinition report={saved} /> },
        ]}
      />
    </Card>
  );
}

/**
 * The saved reports the user may run (their department's and those shared with it), searchable; one
 * picked is run through the gateway's /reports/{id}/run.* as the user, so every rule of the graph applies.
 */
export function ReportsScreen({ token }: { token: string }) {
  const { t } = useI18n();
  const reports = useQuery(SavedReportsDocument, { fetchPolicy: 'network-only' });
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<string>();
  const rows = useMemo(() => {
    const words = search.toLowerCase().split(/\s+/).filter(Boolean);
    return (reports.data?.savedReports ?? []).filter((report) => matches(report, words));
  }, [reports.data, search]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space>
        <Input.Search allowClear style={{ width: 320 }} placeholder={t('reportSearchHint')} onSearch={setSearch} onChange={(event) => setSearch(event.target.value)} data-testid="report-search" />
        <Typography.Text type="secondary" data-testid="report-count" data-count={reports.loading ? undefined : rows.length}>
          {rows.length} {t('reportCount')}
        </Typography.Text>
      </Space>
      <ErrorList error={reports.error} />
      <Table<Listed>
        data-testid="report-list"
        size="small"
        rowKey="id"
        loading={reports.loading}
        dataSource={rows}
        pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
        rowClassName={(report) => (report.id === picked ? 'ant-table-row-selected' : '')}
        onRow={(report) => ({ onClick: () => setPicked(report.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('reportName'),
            dataIndex: 'name',
            width: 340,
            render: (name: string, report) => (
              <Typography.Link onClick={() => setPicked(report.id)} data-testid="report-open">
                {name}
              </Typography.Link>
            ),
          },
          { title: t('reportDescription'), dataIndex: 'description', width: '40%', ellipsis: { showTitle: true } },
          { title: t('reportDepartment'), dataIndex: 'department' },
          { title: t('reportAuthor'), dataIndex: 'author' },
          { title: t('reportSharedWith'), dataIndex: 'sharedWith', render: (departments: string[]) => <SharedWith departments={departments} /> },
          { title: t('reportUpdated'), dataIndex: 'updatedAt', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
        ]}
      />
      {picked ? (
        <ReportPanel
          key={picked}
          token={token}
          id={picked}
          onDeleted={() => {
            setPicked(undefined);
            void reports.refetch();
          }}
        />
      ) : (
        <Typography.Text type="secondary">{t('reportNone')}</Typography.Text>
      )}
    </Space>
  );
}
