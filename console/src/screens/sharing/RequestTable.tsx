import { Button, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { SharingRequestPartsFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { formatSpan } from './duration';

type Request = SharingRequestPartsFragment;

export const STATUS_COLORS: Record<string, string> = { PENDING: 'gold', APPROVED: 'green', REJECTED: 'red' };

/** Pending requests first (they wait for someone), then the newest. */
const pendingFirst = (a: Request, b: Request) => Number(b.status === 'PENDING') - Number(a.status === 'PENDING') || Number(b.id) - Number(a.id);

/** Requests to decide (with the actions) or sent (with how they were decided). */
export function RequestTable({ requests, loading, onDecide, testId }: { requests: Request[]; loading: boolean; onDecide?: (request: Request, approve: boolean) => void; testId: string }) {
  const { t } = useI18n();
  return (
    <Table<Request>
      data-testid={testId}
      size="small"
      rowKey="id"
      loading={loading}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={[...requests].sort(pendingFirst)}
      columns={[
        { title: '#', dataIndex: 'id', width: 60 },
        { title: onDecide ? t('from') : t('to'), key: 'party', render: (_, r) => (onDecide ? `${r.requestingDepartment} · ${r.requestedBy}` : r.ownerDepartments.join(', ')) },
        { title: t('fieldsToRequest'), dataIndex: 'fields', render: (fields: string[]) => fields.map((field) => <Tag key={field}>{field}</Tag>) },
        { title: t('purpose'), dataIndex: 'purpose', render: (purpose: string, r) => <Space direction="vertical" size={0}><Typography.Text code>{purpose}</Typography.Text>{r.justification && <Typography.Text type="secondary">{r.justification}</Typography.Text>}</Space> },
        { title: t('scope'), dataIndex: 'scope', render: (scope: string) => scope || t('wholeCity') },
        { title: t('duration'), dataIndex: 'durationSeconds', render: (seconds: number) => formatSpan(seconds) },
        { title: t('requestedAt'), dataIndex: 'requestedAt', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
        {
          title: t('status'),
          dataIndex: 'status',
          render: (status: string, r) => (
            <Space direction="vertical" size={0}>
              <Tag color={STATUS_COLORS[status]} data-testid={`status-${r.id}`}>{t(`status${status}` as 'statusPENDING')}</Tag>
              {r.decisionReason && <Typography.Text type="secondary">{r.decidedBy}: {r.decisionReason}</Typography.Text>}
              {r.grant && <Typography.Text type="secondary">{t('grant')} #{r.grant.id} · {r.grant.scope || t('wholeCity')} · {dayjs(r.grant.validUntil).format('YYYY-MM-DD HH:mm')}</Typography.Text>}
            </Space>
          ),
        },
        ...(onDecide
          ? [
              {
                title: '',
                key: 'actions',
                render: (_: unknown, r: Request) =>
                  r.status === 'PENDING' && (
                    <Space>
                      <Button type="primary" size="small" onClick={() => onDecide(r, true)} data-testid={`approve-${r.id}`}>{t('approve')}</Button>
                      <Button danger size="small" onClick={() => onDecide(r, false)} data-testid={`deny-${r.id}`}>{t('deny')}</Button>
                    </Space>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}
