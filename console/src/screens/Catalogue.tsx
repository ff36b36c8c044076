import { useMemo, useState } from 'react';
import { useQuery } from '@apollo/client';
import { Button, Form, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ErrorList } from '../ErrorList';
import { CatalogueSubgraphsDocument, DataCatalogueDocument, DepartmentsDocument, type CatalogueEntryPartsFragment, type CatalogueFilter, type SharingClass } from '../gql/graphql';
import { useI18n } from '../i18n';
import { DeclareClassModal } from './catalogue/DeclareClassModal';
import { ExportButtons } from './catalogue/ExportButtons';
import { AccessTag, classLabel, SHARING_CLASSES, SharingClassTag } from './catalogue/tags';

type Entry = CatalogueEntryPartsFragment;

interface FilterForm {
  owner?: string;
  sharingClass?: SharingClass;
  subgraph?: string;
  search?: string;
}

/** The form as the query's filter: blank fields are no condition. */
const filterOf = (form: FilterForm): CatalogueFilter => ({ owner: form.owner, sharingClass: form.sharingClass, subgraph: form.subgraph, search: form.search?.trim() || undefined });

// Rows grouped by subgraph, then type: the fields of one type stand together, as in the schema.
const bySubgraph = (a: Entry, b: Entry) => (a.subgraph ?? '').localeCompare(b.subgraph ?? '') || byType(a, b);
const byType = (a: Entry, b: Entry) => a.typeName.localeCompare(b.typeName) || a.fieldName.localeCompare(b.fieldName);

/**
 * Every field of the departments' data: who owns it, on what terms it is shared, what the signed-in user
 * gets of it and how to get more; downloads of the whole; and, for the owner's data officers, declaring a
 * field's class. The claims only choose which buttons to show: the gateway decides what is allowed.
 */
export function CatalogueScreen({ token, department, dataOfficer }: { token: string; department: string; dataOfficer: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<FilterForm>();
  const [filter, setFilter] = useState<CatalogueFilter>({});
  const [declaring, setDeclaring] = useState<Entry>();
  const catalogue = useQuery(DataCatalogueDocument, { variables: { filter }, fetchPolicy: 'network-only' });
  const departments = useQuery(DepartmentsDocument);
  const subgraphs = useQuery(CatalogueSubgraphsDocument);
  const rows = useMemo(() => [...(catalogue.data?.dataCatalogue ?? [])].sort(bySubgraph), [catalogue.data]);
  const subgraphOptions = useMemo(() => [...new Set((subgraphs.data?.dataCatalogue ?? []).flatMap((e) => (e.subgraph ? [e.subgraph] : [])))].sort().map((value) => ({ value, label: value, title: value })), [subgraphs.data]);
  const apply = () => form.submit();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Form form={form} layout="inline" onFinish={(values) => setFilter(filterOf(values))} data-testid="catalogue-filter">
        <Form.Item name="owner" label={t('owner')}>
          <Select allowClear style={{ width: 150 }} onChange={apply} options={(departments.data?.departments ?? []).map((d) => ({ value: d.code, label: d.code, title: d.code }))} />
        </Form.Item>
        <Form.Item name="sharingClass" label={t('sharingClass')}>
          <Select allowClear style={{ width: 170 }} onChange={apply} options={SHARING_CLASSES.map((value) => ({ value, label: t(classLabel(value)), title: value }))} />
        </Form.Item>
        <Form.Item name="subgraph" label={t('subgraph')}>
          <Select allowClear style={{ width: 150 }} onChange={apply} options={subgraphOptions} />
        </Form.Item>
        <Form.Item name="search" label={t('catalogueSearch')}>
          <Input.Search allowClear style={{ width: 260 }} placeholder={t('catalogueSearchHint')} onSearch={apply} data-testid="catalogue-search" />
        </Form.Item>
      </Form>
      <ErrorList error={catalogue.error ?? departments.error ?? subgraphs.error} />
      <ExportButtons token={token} />
      <Typography.Text type="secondary" data-testid="catalogue-count" data-count={catalogue.loading ? undefined : rows.length}>
        {rows.length} {t('catalogueFields')}
      </Typography.Text>
      <Table<Entry>
        data-testid="catalogue-table"
        size="small"
        rowKey="field"
        loading={catalogue.loading}
        dataSource={rows}
        pagination={{ defaultPageSize: 50, showSizeChanger: true }}
        columns={[
          { title: t('subgraph'), dataIndex: 'subgraph', sorter: bySubgraph, render: (subgraph: string | null) => subgraph ?? <Typography.Text type="secondary">{t('severalSubgraphs')}</Typography.Text> },
          { title: t('catalogueType'), dataIndex: 'typeName', sorter: byType },
          {
            title: t('field'),
            dataIndex: 'fieldName',
            render: (_, entry) => (
              <Tooltip title={entry.description}>
                <Typography.Text code>{entry.fieldName}</Typography.Text>
              </Tooltip>
            ),
          },
          { title: t('owner'), dataIndex: 'owner' },
          { title: t('classification'), dataIndex: 'classification', render: (value: string) => <Tag>{value}</Tag> },
          { title: t('sharingClass'), key: 'sharingClass', render: (_, entry) => <SharingClassTag entry={entry} /> },
          { title: t('youGetInside'), key: 'inside', render: (_, entry) => <AccessTag decision={entry.yourAccess.inside} testId="access-inside" /> },
          { title: t('youGetOutside'), key: 'outside', render: (_, entry) => <AccessTag decision={entry.yourAccess.outside} testId="access-outside" /> },
          {
            title: t('howToGetMore'),
            dataIndex: 'howToGetMore',
            width: 360,
            render: (text: string | null) => <Typography.Text type={text ? undefined : 'secondary'}>{text ?? t('nothingMore')}</Typography.Text>,
          },
          ...(dataOfficer
            ? [
                {
                  title: t('declareClass'),
                  key: 'declare',
                  render: (_: unknown, entry: Entry) =>
                    entry.owner === department && (
                      <Button size="small" onClick={() => setDeclaring(entry)} data-testid="declare-class-open">
                        {t('declare')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {declaring && <DeclareClassModal entry={declaring} onClose={() => setDeclaring(undefined)} />}
    </Space>
  );
}
