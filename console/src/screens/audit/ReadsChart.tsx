import { Empty, Space, Tag, Typography } from 'antd';
import type { AuditReadsPerDayQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n';

type DayCount = NonNullable<AuditReadsPerDayQuery['auditReadsPerDay']>[number];

const WIDTH = 960;
const HEIGHT = 220;
const AXIS = 28;
const PALETTE = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2', '#eb2f96', '#a0d911', '#2f54eb', '#faad14'];
const DENIED_COLOR = '#f5222d';

interface Column {
  day: string;
  parts: { key: string; label: string; value: number; color: string }[];
  total: number;
}

/** Per day, one stacked bar: each department's reads in its colour, then every refused attempt in red. */
function columnsOf(counts: DayCount[], colorOf: (department: string) => string, deniedLabel: string): Column[] {
  const days = [...new Set(counts.map((c) => c.day))].sort();
  return days.map((day) => {
    const ofDay = counts.filter((c) => c.day === day);
    const parts = ofDay.filter((c) => c.reads > 0).map((c) => ({ key: c.department, label: c.department, value: c.reads, color: colorOf(c.department) }));
    const denied = ofDay.reduce((sum, c) => sum + c.denied, 0);
    if (denied > 0) parts.push({ key: 'denied', label: deniedLabel, value: denied, color: DENIED_COLOR });
    return { day, parts, total: parts.reduce((sum, p) => sum + p.value, 0) };
  });
}

/**
 * Reads per department per day as plain SVG drawn by React: no chart library, so nothing that injects
 * styles the console's Content-Security-Policy (style-src with a per-load nonce) would refuse, and no
 * extra megabyte in the bundle for one bar chart. Each bar segment's <title> is its tooltip.
 */
export function ReadsChart({ counts }: { counts: DayCount[] }) {
  const { t } = useI18n();
  // Only departments with reads get a colour: a department whose every attempt was refused shows only in red.
  const departments = [...new Set(counts.filter((c) => c.reads > 0).map((c) => c.department))].sort();
  const colorOf = (department: string) => PALETTE[departments.indexOf(department) % PALETTE.length]!;
  const columns = columnsOf(counts, colorOf, t('auditDenied'));
  if (!columns.length) return <Empty description={t('auditNoReads')} data-testid="audit-chart-empty" />;
  const highest = Math.max(...columns.map((c) => c.total));
  const slot = (WIDTH - AXIS) / columns.length;
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  const scale = (HEIGHT - 2 * AXIS) / highest;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={t('auditChart')} data-testid="audit-chart">
        <line x1={AXIS} y1={HEIGHT - AXIS} x2={WIDTH} y2={HEIGHT - AXIS} stroke="#d9d9d9" />
        <text x={AXIS - 4} y={AXIS} textAnchor="end" fontSize={11} fill="#8c8c8c">{highest}</text>
        {columns.map((column, index) => {
          const x = AXIS + index * slot + (slot - barWidth) / 2;
          let top = HEIGHT - AXIS;
          return (
            <g key={column.day} data-testid={`audit-chart-day-${column.day}`}>
              {column.parts.map((part) => {
                const height = part.value * scale;
                top -= height;
                return (
                  <rect key={part.key} x={x} y={top} width={barWidth} height={height} fill={part.color} data-department={part.key}>
                    <title>{`${column.day} · ${part.label}: ${part.value}`}</title>
                  </rect>
                );
              })}
              <text x={x + barWidth / 2} y={HEIGHT - AXIS + 14} textAnchor="middle" fontSize={10} fill="#595959">
                {column.day.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <Space wrap data-testid="audit-chart-legend">
        {departments.map((d) => <Tag key={d} color={colorOf(d)}>{d}</Tag>)}
        <Tag color={DENIED_COLOR}>{t('auditDenied')}</Tag>
      </Space>
      <Typography.Text type="secondary">{t('auditChartNote')}</Typography.Text>
    </Space>
  );
}
