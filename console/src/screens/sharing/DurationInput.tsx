import { InputNumber, Select, Space } from 'antd';
import { useI18n } from '../../i18n';
import { DURATION_UNITS, type DurationChoice } from './duration';

/** An amount and a unit; the graph allows one second to thirty days and says so when exceeded. */
export function DurationInput({ value, onChange, testId }: { value?: DurationChoice; onChange?: (value: DurationChoice) => void; testId: string }) {
  const { t } = useI18n();
  const current = value ?? { amount: 1, unit: 'days' };
  return (
    <Space.Compact>
      <InputNumber min={1} precision={0} value={current.amount} onChange={(amount) => onChange?.({ ...current, amount: amount ?? 1 })} data-testid={`${testId}-amount`} />
      <Select style={{ width: 110 }} value={current.unit} onChange={(unit) => onChange?.({ ...current, unit })} options={DURATION_UNITS.map((unit) => ({ value: unit, title: unit, label: t(unit) }))} data-testid={`${testId}-unit`} />
    </Space.Compact>
  );
}
