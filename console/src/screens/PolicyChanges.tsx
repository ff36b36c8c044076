import { Table, Tag, Typography } from 'antd';
import type { PreviewPolicyQuery } from '../gql/graphql';
import { useI18n } from '../i18n';

type Change = NonNullable<PreviewPolicyQuery['previewPolicy']>['changes'][number];

const STATE_COLORS: Record<string, string> = { ALLOW: 'green', MASK: 'gold', DENY: 'red', SCOPED: 'cyan', SCOPED_MASK: 'orange', MIXED: 'purple' };

function StateTag({ state, mask }: { state: string; mask: string | null | undefined }) {
  return <Tag color={STATE_COLORS[state]}>{mask ? `${state} · ${mask}` : state}</Tag>;
}

/**
 * What a draft would change for each department, as the access service computes it with the policy
 * engine itself: the matrix cell before and after, and a made-up value as an officer would then read
 * it (masked, in full or refused). The preview reads no records.
 */
export function PolicyChanges({ changes }: { changes: Change[] }) {
  const { t } = useI18n();
  const example = (value: string | null | undefined) => (value == null ? <Typography.Text type="danger">{t('refused')}</Typography.Text> : <Typography.Text code>{value}</Typography.Text>);
  if (changes.length === 0) return <Typography.Paragraph type="secondary">{t('noChanges')}</Typography.Paragraph>;
  return (
    <Table<Change & { key: string }>
      size="small"
      pagination={false}
      style={{ marginTop: 12 }}
      title={() => t('changesTitle')}
      data-testid="policy-changes"
      dataSource={changes.map((change) => ({ ...change, key: `${change.field}|${change.department}` }))}
      onRow={(change) => ({ 'data-testid': `change-${change.field}-${change.department}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('field'), dataIndex: 'field' },
        { title: t('department'), dataIndex: 'department' },
        { title: t('before'), key: 'before', render: (_, change) => <StateTag state={change.before.state} mask={change.before.inside.mask} /> },
        { title: t('after'), key: 'after', render: (_, change) => <span title={change.after.inside.reason}><StateTag state={change.after.state} mask={change.after.inside.mask} /></span> },
        { title: t('changesExample'), key: 'example', render: (_, change) => <>{example(change.exampleBefore)} → {example(change.exampleAfter)}</> },
      ]}
    />
  );
}
