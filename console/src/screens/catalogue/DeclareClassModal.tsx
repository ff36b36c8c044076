import { useMutation } from '@apollo/client';
import { Form, Input, Modal, Select, Typography } from 'antd';
import { ErrorList } from '../../ErrorList';
import { SetSharingClassDocument, type CatalogueEntryPartsFragment, type SharingClass } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { classLabel, SHARING_CLASSES } from './tags';

/** The select's value for "no declared class": the API's null, which a select cannot hold. */
const DERIVED = 'DERIVED';

interface DeclarationValues {
  sharingClass: SharingClass | typeof DERIVED;
  reason: string;
}

/**
 * The owner's data officer publishes the field's class, or returns it to the one the policy implies. The
 * reason is required: the other departments read it in the catalogue. The gateway decides who may; its
 * refusals are shown as they came.
 */
export function DeclareClassModal({ entry, onClose }: { entry: CatalogueEntryPartsFragment; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<DeclarationValues>();
  const [declare, declared] = useMutation(SetSharingClassDocument, { refetchQueries: ['DataCatalogue'], awaitRefetchQueries: true });
  const submit = async ({ sharingClass, reason }: DeclarationValues) => {
    const input = { field: entry.field, sharingClass: sharingClass === DERIVED ? null : sharingClass, reason: reason.trim() };
    const { data } = await declare({ variables: { input } }).catch(() => ({ data: undefined }));
    if (data?.setSharingClass) onClose();
  };
  const initialClass = entry.sharingClassSource === 'OWNER' ? entry.sharingClass : DERIVED;
  return (
    <Modal
      open
      title={`${t('declareClass')}: ${entry.field}`}
      okText={t('declare')}
      okButtonProps={{ loading: declared.loading, 'data-testid': 'declare-ok' } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      // Rendered in place rather than in document.body: the body's scroll lock injects a <style> without the CSP nonce, which the page refuses.
      getContainer={false}
    >
      <Typography.Paragraph type="secondary">{t('declareHint')}</Typography.Paragraph>
      <Form<DeclarationValues> form={form} layout="vertical" initialValues={{ sharingClass: initialClass, reason: entry.sharingClassReason ?? '' }} onFinish={(values) => void submit(values)}>
        <Form.Item name="sharingClass" label={t('sharingClass')}>
          <Select
            data-testid="declare-class"
            options={[
              ...SHARING_CLASSES.map((value) => ({ value, label: t(classLabel(value)), title: value })),
              { value: DERIVED, label: `${t('classDerived')} (${t(classLabel(entry.derivedSharingClass))})`, title: DERIVED },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="declare-reason" />
        </Form.Item>
      </Form>
      <ErrorList error={declared.error} />
    </Modal>
  );
}
