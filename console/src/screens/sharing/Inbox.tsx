import { useState } from 'react';
import { useQuery } from '@apollo/client';
import { Typography } from 'antd';
import { ErrorList } from '../../ErrorList';
import { SharingRequestsDocument } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { DecideModal, type Decision } from './DecideModal';
import { RequestTable } from './RequestTable';

/** Requests for the fields one's department owns, to decide; below, the ones it sent and what became of them. */
export function Inbox() {
  const { t } = useI18n();
  const incoming = useQuery(SharingRequestsDocument, { variables: { direction: 'INCOMING' }, fetchPolicy: 'cache-and-network' });
  const outgoing = useQuery(SharingRequestsDocument, { variables: { direction: 'OUTGOING' }, fetchPolicy: 'cache-and-network' });
  const [decision, setDecision] = useState<Decision>();
  return (
    <>
      <Typography.Title level={5}>{t('incomingRequests')}</Typography.Title>
      <ErrorList error={incoming.error} />
      <RequestTable testId="incoming-requests" requests={incoming.data?.sharingRequests ?? []} loading={incoming.loading} onDecide={(request, approve) => setDecision({ request, approve })} />
      <Typography.Title level={5}>{t('outgoingRequests')}</Typography.Title>
      <ErrorList error={outgoing.error} />
      <RequestTable testId="outgoing-requests" requests={outgoing.data?.sharingRequests ?? []} loading={outgoing.loading} />
      {decision && <DecideModal decision={decision} onClose={() => setDecision(undefined)} />}
    </>
  );
}
