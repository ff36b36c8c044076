import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { ReportConditionPartsFragment, SavedReportPartsFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';

/** A condition as one reads it: "age GTE 60". */
export const conditionText = (condition: ReportConditionPartsFragment) => [condition.column, condition.operator, condition.value ?? ''].join(' ').trim();

/** What the report runs and takes from the answer, read-only. */
export function ReportDefinition({ report }: { report: SavedReportPartsFragment }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="report-definition">
      <Typography.Text strong>{t('reportOperation')}</Typography.Text>
      <pre data-testid="report-operation" style={{ background: '#f5f5f5', padding: 12, borderRadius: 6, overflowX: 'auto', margin: 0 }}>
        <code>{report.operation}</code>
      </pre>
      <Descriptions size="small" column={1} bordered>
        {report.operationName && <Descriptions.Item label={t('operation')}>{report.operationName}</Descriptions.Item>}
        <Descriptions.Item label={t('reportSavedVariables')}>
          <Typography.Text code>{report.variables}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('reportRowsAt')}>
          <Typography.Text code>{report.rowsAt}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('reportWhere')}>
          {report.where.length ? (
            <Space wrap>
              {report.where.map((condition, index) => (
                <Tag key={index}>{conditionText(condition)}</Tag>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('reportNoConditions')}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('reportGroupBy')}>
          {report.groupBy.length ? report.groupBy.map((key) => <Tag key={key}>{key}</Tag>) : <Typography.Text type="secondary">{t('reportNoGrouping')}</Typography.Text>}
        </Descriptions.Item>
        {report.aggregates.length > 0 && (
          <Descriptions.Item label={t('reportAggregates')}>
            <Space direction="vertical" size={2}>
              {report.aggregates.map((aggregate) => (
                <span key={aggregate.key}>
                  <Typography.Text code>{aggregate.key}</Typography.Text> {aggregate.label}: {aggregate.kind}
                  {aggregate.condition ? ` (${conditionText(aggregate.condition)})` : ''}
                </span>
              ))}
            </Space>
          </Descriptions.Item>
        )}
        {report.aggregates.length + report.groupBy.length > 0 && <Descriptions.Item label={t('reportSuppressBelow')}>{report.suppressBelow}</Descriptions.Item>}
      </Descriptions>
      <Typography.Text strong>{t('reportColumns')}</Typography.Text>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={report.columns}
        data-testid="report-definition-columns"
        columns={[
          { title: t('reportColumnKey'), dataIndex: 'key', render: (key: string) => <Typography.Text code>{key}</Typography.Text> },
          { title: t('reportColumnLabel'), dataIndex: 'label' },
          { title: t('reportColumnPath'), dataIndex: 'path', render: (path: string) => <Typography.Text code>{path}</Typography.Text> },
          { title: t('reportColumnPrefix'), dataIndex: 'prefix', render: (prefix: number | null) => prefix ?? '' },
        ]}
      />
    </Space>
  );
}
