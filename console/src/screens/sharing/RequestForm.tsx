import { useMutation, useQuery } from '@apollo/client';
import { Alert, Button, Form, Input, Select } from 'antd';
import { ErrorList } from '../../ErrorList';
import { PurposesDocument, RequestAccessDocument, RequestableFieldsDocument, type RequestableFieldsQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { AreaTreeSelect } from '../../components/AreaTreeSelect';
import { DurationInput } from './DurationInput';
import { toIsoDuration, type DurationChoice } from './duration';

type FieldRow = NonNullable<RequestableFieldsQuery['accessMatrix']>['rows'][number];

interface RequestValues {
  fields: string[];
  purpose: string;
  scope: string;
  duration: DurationChoice;
  justification?: string;
}

/**
 * Classified fields other departments own, grouped by type. One request goes to one owner, so once a
 * field is picked the fields of other owners are disabled.
 */
function fieldOptions(rows: FieldRow[], department: string, picked: string[]) {
  const requestable = rows.filter((row) => row.owner && row.owner !== department);
  const ownerPicked = requestable.find((row) => picked.includes(row.field))?.owner;
  const typeNames = [...new Set(requestable.map((row) => row.typeName))];
  return typeNames.map((typeName) => ({
    label: typeName,
    title: typeName,
    options: requestable.filter((row) => row.typeName === typeName).map((row) => ({ value: row.field, title: row.field, label: `${row.fieldName} · ${row.owner}`, disabled: Boolean(ownerPicked && row.owner !== ownerPicked) })),
  }));
}

/** Asks the owner of some fields for access for a purpose, a place and a time. */
export function RequestForm({ department }: { department: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm<RequestValues>();
  const picked = Form.useWatch('fields', form) ?? [];
  const fields = useQuery(RequestableFieldsDocument);
  const purposes = useQuery(PurposesDocument);
  const [requestAccess, sent] = useMutation(RequestAccessDocument);
  const submit = async ({ fields: names, purpose, scope, duration, justification }: RequestValues) => {
    const { data } = await requestAccess({ variables: { input: { fields: names, purpose, scope, duration: toIsoDuration(duration), ...(justification?.trim() ? { justification: justification.trim() } : {}) } } }).catch(() => ({ data: undefined }));
    if (data?.requestAccess) form.resetFields();
  };
  return (
    <Form<RequestValues> form={form} layout="vertical" style={{ maxWidth: 720 }} initialValues={{ fields: [], scope: '', duration: { amount: 1, unit: 'days' } }} onFinish={(values) => void submit(values)}>
      <Form.Item name="fields" label={t('fieldsToRequest')} rules={[{ required: true, message: t('fieldsRequired') }]}>
        <Select mode="multiple" loading={fields.loading} placeholder={t('fieldsToRequest')} options={fieldOptions(fields.data?.accessMatrix?.rows ?? [], department, picked)} data-testid="request-fields" />
      </Form.Item>
      <Form.Item name="purpose" label={t('purpose')} rules={[{ required: true, message: t('purposeRequired') }]}>
        <Select
          loading={purposes.loading}
          data-testid="request-purpose"
          options={(purposes.data?.purposes ?? []).map((p) => ({ value: p.code, title: p.code, label: `${p.code} — ${p.description}` }))}
        />
      </Form.Item>
      <Form.Item name="scope" label={t('scope')} extra={t('scopeHint')}>
        <AreaTreeSelect root="" testId="request-scope" />
      </Form.Item>
      <Form.Item name="duration" label={t('duration')} extra={t('durationHint')}>
        <DurationInput testId="request-duration" />
      </Form.Item>
      <Form.Item name="justification" label={t('justification')}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('justificationHint')} data-testid="request-justification" />
      </Form.Item>
      <ErrorList error={sent.error ?? fields.error ?? purposes.error} />
      {sent.data?.requestAccess && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} message={`${t('requestSent')} #${sent.data.requestAccess.id} → ${sent.data.requestAccess.ownerDepartments.join(', ')}`} data-testid="request-sent" />
      )}
      <Button type="primary" htmlType="submit" loading={sent.loading} data-testid="request-submit">
        {t('sendRequest')}
      </Button>
    </Form>
  );
}
