import { Alert, Descriptions, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n';
import type { ReportResult } from './reportRun';

const EMPTY = '—';

/** A value as a person reads it: lists joined, booleans and numbers as text. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * A finished run: who ran it and when, what was refused or withheld, and the rows. A null cell is a value
 * refused to the runner (the column's tag says which code) or a count withheld under the threshold.
 */
export function ReportResultView({ result, countKeys }: { result: ReportResult; countKeys: ReadonlySet<string> }) {
  const { t } = useI18n();
  const refusedBy = new Map<string, ReportResult['refused']>();
  for (const refusal of result.refused) refusedBy.set(refusal.column, [...(refusedBy.get(refusal.column) ?? []), refusal]);
  const suppressed = result.protection === 'SUPPRESSED_AND_ROUNDED';
  const why = (key: string) => {
    const refused = refusedBy.get(key);
    // Every cell of the column refused: none of its nulls is a withheld count.
    const allRefused = (refused ?? []).reduce((sum, refusal) => sum + refusal.cells, 0) >= result.rows.length;
    const withheld = suppressed && countKeys.has(key) && result.suppressedCells > 0 && !allRefused;
    if (refused && withheld) return `${t('reportRefusedOrWithheld')}: ${refused.map((r) => r.code).join(', ')} / < ${result.suppressBelow}`;
    if (refused) return `${t('reportRefusedCell')} (${refused.map((r) => r.code).join(', ')})`;
    if (withheld) return `${t('reportWithheldCell')} (< ${result.suppressBelow})`;
    return t('reportNoValue');
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="report-result" data-rows={result.rows.length}>
      <Descriptions size="small" column={3} bordered data-testid="report-ran">
        <Descriptions.Item label={t('reportRanBy')}>
          <span data-testid="report-ran-by">
            {result.ranBy.subject} · {result.ranBy.department}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('reportRanAt')}>
          <span data-testid="report-ran-at">{dayjs(result.ranAt).format('YYYY-MM-DD HH:mm:ss')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('reportResultRows')}>
          <span data-testid="report-row-count">{result.rows.length}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('reportPagesRead')}>{result.pages}</Descriptions.Item>
        <Descriptions.Item label={t('reportRowsRead')}>{result.sourceRows}</Descriptions.Item>
        <Descriptions.Item label={t('reportUndecidedRows')}>{result.undecidedRows}</Descriptions.Item>
      </Descriptions>
      {result.refused.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="report-refused"
          message={t('reportRefusedNote')}
          description={
            <Space wrap>
              {result.refused.map((refusal) => (
                <Tag key={`${refusal.column} ${refusal.code}`} color="red">
                  {result.columns.find((column) => column.key === refusal.column)?.label ?? refusal.column}: {refusal.code} · {refusal.cells} {t('reportRefusedCells')}
                </Tag>
              ))}
            </Space>
          }
        />
      )}
      {suppressed ? (
        <Alert
          type="info"
          showIcon
          data-testid="report-suppression"
          message={t('reportSuppressionNote').replace('{k}', String(result.suppressBelow))}
          description={`${t('reportSuppressedCells')}: ${result.suppressedCells}`}
        />
      ) : (
        <Typography.Text type="secondary" data-testid="report-exact">
          {t('reportExact')}
        </Typography.Text>
      )}
      <Table<Record<string, unknown> & { __row: number }>
        data-testid="report-table"
        size="small"
        rowKey="__row"
        dataSource={result.rows.map((row, index) => ({ ...row, __row: index }))}
        pagination={{ defaultPageSize: 50, showSizeChanger: true }}
        scroll={{ x: 'max-content' }}
        columns={result.columns.map((column) => ({
          key: column.key,
          dataIndex: column.key,
          title: (
            <Space direction="vertical" size={2} data-testid="report-column" data-key={column.key}>
              <span>{column.label}</span>
              {(refusedBy.get(column.key) ?? []).map((refusal) => (
                <Tag key={refusal.code} color="red" data-testid="refused-tag" data-code={refusal.code} data-cells={refusal.cells}>
                  {t('reportRefused')}: {refusal.code} · {refusal.cells} {t('reportRefusedCells')}
                </Tag>
              ))}
            </Space>
          ),
          render: (value: unknown) =>
            value === null || value === undefined ? (
              <Tooltip title={why(column.key)}>
                <Typography.Text type="secondary" data-testid="report-cell-empty" data-column={column.key}>
                  {EMPTY}
                </Typography.Text>
              </Tooltip>
            ) : (
              <span data-testid="report-cell" data-column={column.key}>
                {shown(value)}
              </span>
            ),
        }))}
      />
    </Space>
  );
}
