import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { Button, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { ErrorList } from '../../ErrorList';
import { GrantsDocument, RevokeGrantDocument, type GrantPartsFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { formatSpan } from './duration';

type Grant = GrantPartsFragment;

/** The time now, once a second: the countdowns tick without asking the graph. */
function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function TimeLeft({ grant, now }: { grant: Grant; now: number }) {
  const { t } = useI18n();
  if (grant.revokedAt) return <Tag data-testid={`time-left-${grant.id}`}>{t('revokedAt')} {dayjs(grant.revokedAt).format('YYYY-MM-DD HH:mm')}</Tag>;
  const left = (new Date(grant.validUntil).getTime() - now) / 1000;
  if (left <= 0) return <Tag data-testid={`time-left-${grant.id}`}>{t('expired')} {dayjs(grant.validUntil).format('YYYY-MM-DD HH:mm')}</Tag>;
  return <Tag color="green" data-testid={`time-left-${grant.id}`}>{formatSpan(left)}</Tag>;
}

/** Revoking asks for the reason, which stays with the grant for the other side. */
function RevokeButton({ grant }: { grant: Grant }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [revoke, revoked] = useMutation(RevokeGrantDocument, { refetchQueries: ['Grants'] });
  return (
    <>
      <Popconfirm
        title={t('revokeConfirm')}
        description={<Input style={{ width: 280 }} value={reason} onChange={(event) => setReason(event.target.value)} placeholder={t('revokeReason')} maxLength={500} data-testid="revoke-reason" />}
        okText={t('revoke')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'revoke-ok' } as never}
        onConfirm={() => revoke({ variables: { id: grant.id, reason: reason.trim() } }).catch(() => undefined)}
      >
        <Button danger size="small" loading={revoked.loading} data-testid={`revoke-${grant.id}`}>
          {t('revoke')}
        </Button>
      </Popconfirm>
      <ErrorList error={revoked.error} />
    </>
  );
}

/** Grants one's department holds or has given, in force first, with the time left; revoked and expired ones stay listed. */
export function GrantList({ department }: { department: string }) {
  const { t } = useI18n();
  const now = useNow();
  const grants = useQuery(GrantsDocument, { fetchPolicy: 'cache-and-network' });
  const inForceFirst = [...(grants.data?.grants ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || Number(b.id) - Number(a.id));
  return (
    <>
      <ErrorList error={grants.error} />
      <Table<Grant>
        data-testid="grants"
        size="small"
        rowKey="id"
        loading={grants.loading}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={inForceFirst}
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          { title: t('grantedTo'), dataIndex: 'department', render: (to: string) => (to === department ? <Tag color="blue">{t('yourDepartment')}</Tag> : to) },
          { title: t('fieldsToRequest'), dataIndex: 'fields', render: (fields: string[]) => fields.map((field) => <Tag key={field}>{field}</Tag>) },
          { title: t('purpose'), dataIndex: 'purpose', render: (purpose: string) => <Typography.Text code>{purpose}</Typography.Text> },
          { title: t('scope'), dataIndex: 'scope', render: (scope: string) => scope || t('wholeCity') },
          { title: t('grantedBy'), dataIndex: 'grantedBy' },
          { title: t('validUntil'), dataIndex: 'validUntil', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
          { title: t('timeLeft'), key: 'left', render: (_, grant) => <TimeLeft grant={grant} now={now} /> },
          {
            title: '',
            key: 'actions',
            render: (_, grant) =>
              grant.active ? (
                <RevokeButton grant={grant} />
              ) : (
                grant.revocationReason && (
                  <Space direction="vertical" size={0}>
                    <Typography.Text type="secondary">{grant.revokedBy}: {grant.revocationReason}</Typography.Text>
                  </Space>
                )
              ),
          },
        ]}
      />
    </>
  );
}
