import { useState } from 'react';
import { Tabs } from 'antd';
import { useI18n } from '../i18n';
import { GrantList } from './sharing/GrantList';
import { Inbox } from './sharing/Inbox';
import { RequestForm } from './sharing/RequestForm';

/** Data sharing between departments: ask an owner for fields, decide what others ask of yours, follow the grants. */
export function SharingScreen({ department }: { department: string }) {
  const { t } = useI18n();
  const [tab, setTab] = useState('request');
  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      // Each part fetches afresh when opened, so a change made in one shows in the others.
      destroyOnHidden
      items={[
        { key: 'request', label: t('requestAccess'), children: <RequestForm department={department} /> },
        { key: 'inbox', label: t('inbox'), children: <Inbox /> },
        { key: 'grants', label: t('grantsTab'), children: <GrantList department={department} /> },
      ]}
    />
  );
}
