import { useState } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { downloadCatalogue, type CatalogueFormat } from './catalogueExport';

/** The whole catalogue as the user sees it, for a spreadsheet (CSV) or another system (JSON); the filters above do not apply. */
export function ExportButtons({ token }: { token: string }) {
  const { t } = useI18n();
  const [running, setRunning] = useState<CatalogueFormat>();
  const [problem, setProblem] = useState<string>();
  const run = async (format: CatalogueFormat) => {
    setProblem(undefined);
    setRunning(format);
    try {
      await downloadCatalogue(token, format);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setRunning(undefined);
    }
  };
  return (
    <Space direction="vertical">
      <Space>
        <Typography.Text>{t('catalogueDownload')}:</Typography.Text>
        <Button onClick={() => void run('csv')} loading={running === 'csv'} data-testid="catalogue-export-csv">
          {t('exportCsv')}
        </Button>
        <Button onClick={() => void run('json')} loading={running === 'json'} data-testid="catalogue-export-json">
          {t('exportJson')}
        </Button>
      </Space>
      {problem && <Alert type="error" showIcon message={problem} data-testid="catalogue-export-error" />}
    </Space>
  );
}
