import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@apollo/client';
import { Alert, Button, Form, Input, Select, Space, Spin, Typography } from 'antd';
import { PurposesDocument, type SavedReportPartsFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { ReportResultView } from './ReportResultView';
import { checkedVariables, downloadReport, ReportRunError, runReportStream, type ReportFormat, type ReportResult, type RunProgress } from './reportRun';

type Outcome = { kind: 'result'; result: ReportResult } | { kind: 'error'; code: string; message: string } | { kind: 'cancelled' };

const FORMATS: { format: ReportFormat; label: 'exportCsv' | 'exportXlsx' | 'exportJson' }[] = [
  { format: 'csv', label: 'exportCsv' },
  { format: 'xlsx', label: 'exportXlsx' },
  { format: 'json', label: 'exportJson' },
];

const errorOutcome = (error: unknown): Outcome => (error instanceof ReportRunError ? { kind: 'error', code: error.code, message: error.message } : { kind: 'error', code: 'ERROR', message: (error as Error).message });

/**
 * Runs the report as the signed-in user: an optional override of its variables, checked before sending;
 * a purpose to state (x-access-purpose), as a grant may require; the run's progress as the gateway reads pages, with a cancel; then the result. Downloads run it again
 * in the file's format, with the same variables and purpose.
 */
export function RunPanel({ token, report }: { token: string; report: SavedReportPartsFragment }) {
  const { t } = useI18n();
  const [variables, setVariables] = useState('');
  const [purpose, setPurpose] = useState<string>();
  const purposes = useQuery(PurposesDocument);
  const [invalid, setInvalid] = useState<string>();
  const [running, setRunning] = useState<AbortController>();
  const [progress, setProgress] = useState<RunProgress>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [downloading, setDownloading] = useState<ReportFormat>();
  const [downloadProblem, setDownloadProblem] = useState<Outcome>();
  const current = useRef<AbortController>(undefined);
  // Leaving the screen or picking another report cancels a run under way.
  useEffect(() => () => current.current?.abort(), [report.id]);
  const countKeys = new Set(report.aggregates.map((aggregate) => aggregate.key));

  /** The override to send, or undefined after showing why it cannot be sent. */
  const override = (): { value: string | undefined } | undefined => {
    const checked = checkedVariables(variables);
    if (!checked.ok) {
      setInvalid(checked.problem);
      return undefined;
    }
    setInvalid(undefined);
    return { value: checked.value };
  };

  const run = async () => {
    const sent = override();
    if (!sent) return;
    const controller = new AbortController();
    current.current = controller;
    setRunning(controller);
    setProgress({ pages: 0, sourceRows: 0 });
    setOutcome(undefined);
    try {
      const result = await runReportStream(token, purpose, report.id, sent.value, controller.signal, setProgress);
      if (current.current === controller) setOutcome({ kind: 'result', result });
    } catch (error) {
      if (current.current !== controller) return;
      setOutcome(controller.signal.aborted ? { kind: 'cancelled' } : errorOutcome(error));
    } finally {
      if (current.current === controller) setRunning(undefined);
    }
  };

  const download = async (format: ReportFormat) => {
    const sent = override();
    if (!sent) return;
    setDownloadProblem(undefined);
    setDownloading(format);
    try {
      await downloadReport(token, purpose, report.id, format, sent.value);
    } catch (error) {
      setDownloadProblem(errorOutcome(error));
    } finally {
      setDownloading(undefined);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Form layout="vertical" onFinish={() => void run()}>
        <Form.Item
          label={t('reportVariables')}
          validateStatus={invalid ? 'error' : undefined}
          help={invalid ? <span data-testid="report-variables-error">{`${t('reportVariablesInvalid')}: ${invalid}`}</span> : undefined}
          extra={
            <>
              {t('reportVariablesHint')} <Typography.Text code>{report.variables}</Typography.Text>
            </>
          }
        >
          <Input.TextArea
            rows={2}
            value={variables}
            placeholder={report.variables}
            onChange={(event) => setVariables(event.target.value)}
            style={{ fontFamily: 'monospace' }}
            data-testid="report-variables"
          />
        </Form.Item>
        <Form.Item label={t('purpose')}>
          <Select
            allowClear
            style={{ width: 240 }}
            value={purpose}
            onChange={setPurpose}
            placeholder={t('noPurpose')}
            options={(purposes.data?.purposes ?? []).map((p) => ({ value: p.code, label: p.code, title: p.description }))}
            data-testid="report-purpose"
          />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={Boolean(running)} data-testid="report-run">
            {t('reportRun')}
          </Button>
          {running && (
            <Button danger onClick={() => running.abort()} data-testid="report-cancel">
              {t('reportCancel')}
            </Button>
          )}
          <Typography.Text>{t('reportDownload')}:</Typography.Text>
          {FORMATS.map(({ format, label }) => (
            <Button key={format} onClick={() => void download(format)} loading={downloading === format} data-testid={`report-download-${format}`}>
              {t(label)}
            </Button>
          ))}
        </Space>
      </Form>
      {downloadProblem?.kind === 'error' && <Alert type="error" showIcon message={downloadProblem.code} description={downloadProblem.message} data-testid="report-download-error" data-code={downloadProblem.code} />}
      {running && progress && (
        <Space data-testid="report-progress" data-pages={progress.pages} data-rows={progress.sourceRows}>
          <Spin />
          <Typography.Text>
            {t('reportRunning')}… {t('reportPagesRead')}: <strong>{progress.pages}</strong> · {t('reportRowsRead')}: <strong>{progress.sourceRows}</strong>
          </Typography.Text>
        </Space>
      )}
      {outcome?.kind === 'cancelled' && <Alert type="info" showIcon message={t('reportCancelled')} data-testid="report-cancelled" />}
      {outcome?.kind === 'error' && <Alert type="error" showIcon message={outcome.code} description={outcome.message} data-testid="report-error" data-code={outcome.code} />}
      {outcome?.kind === 'result' && <ReportResultView result={outcome.result} countKeys={countKeys} />}
    </Space>
  );
}
