import { useEffect } from 'react';
import { Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { ErrorList } from '../ErrorList';
import type { Severity } from '../gql/graphql';
import { useI18n } from '../i18n';
import { useLiveFeeds, type Feed, type FeedMode } from '../live/useLiveFeeds';
import { useDeskRows, type DeskIncident } from './dutyDeskRows';

/** While the live feeds are unavailable, how often the desk reads its incidents again. */
const POLL_MS = 5000;
const SEVERITY_COLORS: Record<Severity, string> = { CRITICAL: 'red', HIGH: 'volcano', MEDIUM: 'gold', LOW: 'default' };
const MODE_COLORS: Record<FeedMode, string> = { live: 'green', polling: 'orange', connecting: 'default' };
const FRESH_BACKGROUND = '#fffbe6';

/** Each delivery only says that something changed; the desk then reads its window again through the graph. */
const INCIDENT_FEED = 'subscription DutyDeskIncidentFeed($filter: IncidentFeedFilter) { incidentFeed(filter: $filter) { eventId incidentId incident { id } } }';
const DISPATCH_FEED = 'subscription DutyDeskDispatchFeed($filter: DispatchFeedFilter) { dispatchFeed(filter: $filter) { eventId dispatchId dispatch { id } } }';

function feedsOf(jurisdiction: string | undefined): Feed[] {
  // The jurisdiction only narrows which events are fetched at all; what is delivered is decided by the graph, as for any query.
  const variables = { filter: jurisdiction ? { gridCodePrefix: jurisdiction } : {} };
  return [
    { query: INCIDENT_FEED, variables },
    { query: DISPATCH_FEED, variables },
  ];
}

function Dispatched({ incident }: { incident: DeskIncident }) {
  const { t } = useI18n();
  if (incident.dispatches === null) return <Typography.Text type="secondary">{t('dispatchesUnavailable')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap data-testid={`dispatches-${incident.id}`}>
      {incident.dispatches.map((dispatch) => (
        <Tag key={dispatch.id} color={dispatch.status === 'CANCELLED' || dispatch.status === 'RETURNED' ? 'default' : 'blue'} data-testid="dispatch">
          {dispatch.team ? dispatch.team.name : `${dispatch.stockItem?.item ?? '?'} × ${dispatch.quantity ?? 0} ${dispatch.stockItem?.unit ?? ''}`} · {dispatch.status}
        </Tag>
      ))}
    </Space>
  );
}

/**
 * The duty desk: the open incidents of the last week in the signed-in user's jurisdiction (the graph
 * scopes them by the token), most severe and newest first, with what was dispatched to each. It follows
 * the live feeds through the gateway and reads again on each delivery; while they are unavailable it
 * polls, and says which it does.
 */
export function DutyDeskScreen({ token, jurisdiction }: { token: string; jurisdiction: string | undefined }) {
  const { t } = useI18n();
  const { rows, fresh, error, refresh } = useDeskRows();
  const mode = useLiveFeeds(token, jurisdiction ?? '', feedsOf(jurisdiction), refresh);
  useEffect(() => {
    if (mode === 'live') return;
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [mode, refresh]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('dutyDesk')}
        </Typography.Title>
        <Tag color={MODE_COLORS[mode]} data-testid="feed-mode" data-mode={mode}>
          {t(mode === 'live' ? 'modeLive' : mode === 'polling' ? 'modePolling' : 'modeConnecting')}
        </Tag>
        <Typography.Text type="secondary">{jurisdiction ? `${t('jurisdiction')}: ${jurisdiction}` : t('wholeCity')}</Typography.Text>
      </Space>
      <Typography.Text type="secondary">{t('dutyDeskNote')}</Typography.Text>
      <ErrorList error={error} />
      <Table<DeskIncident>
        data-testid="duty-desk"
        size="small"
        rowKey="id"
        loading={rows === undefined && !error}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(row) => ({ 'data-fresh': fresh.has(row.id) ? 'yes' : undefined, style: fresh.has(row.id) ? { background: FRESH_BACKGROUND } : undefined }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('reportedAt'), dataIndex: 'reportedAt', width: 150, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
          { title: t('severity'), dataIndex: 'severity', width: 100, render: (severity: Severity) => <Tag color={SEVERITY_COLORS[severity]}>{severity}</Tag> },
          { title: t('incidentTitle'), dataIndex: 'title', render: (title: string, row) => <span data-testid={`incident-${row.id}`}>{title}</span> },
          { title: t('category'), dataIndex: 'category', width: 150 },
          { title: t('grid'), dataIndex: 'gridCode', width: 150 },
          { title: t('status'), dataIndex: 'status', width: 150, render: (status: string, row) => <Space size={4}>{status}{row.overdue && <Tag color="red">{t('overdue')}</Tag>}</Space> },
          { title: t('dispatched'), key: 'dispatched', render: (_, row) => <Dispatched incident={row} /> },
        ]}
      />
    </Space>
  );
}
