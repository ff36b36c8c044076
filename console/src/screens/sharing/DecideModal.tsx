import { useMutation } from '@apollo/client';
import { Form, Input, Modal, Typography } from 'antd';
import { ErrorList } from '../../ErrorList';
import { DecideSharingRequestDocument, type SharingRequestPartsFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { AreaTreeSelect } from '../../components/AreaTreeSelect';
import { DurationInput } from './DurationInput';
import { choiceOf, toIsoDuration, type DurationChoice } from './duration';

export interface Decision {
  request: SharingRequestPartsFragment;
  approve: boolean;
}

interface DecisionValues {
  reason: string;
  duration: DurationChoice;
  scope: string;
}

/**
 * Approving may narrow what was asked: a shorter duration, a scope inside the one requested (the tree
 * starts there). Denying needs only the reason, which the requester reads.
 */
export function DecideModal({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const { t } = useI18n();
  const { request, approve } = decision;
  const [form] = Form.useForm<DecisionValues>();
  const [decide, decided] = useMutation(DecideSharingRequestDocument, { refetchQueries: ['SharingRequests'] });
  const submit = async ({ reason, duration, scope }: DecisionValues) => {
    const narrowing = approve ? { duration: toIsoDuration(duration), scope } : {};
    const { data } = await decide({ variables: { input: { id: request.id, approve, reason: reason.trim(), ...narrowing } } }).catch(() => ({ data: undefined }));
    if (data?.decideSharingRequest) onClose();
  };
  return (
    <Modal
      open
      title={`${t(approve ? 'approve' : 'deny')} #${request.id}: ${request.fields.join(', ')}`}
      okText={t(approve ? 'approve' : 'deny')}
      okButtonProps={{ danger: !approve, loading: decided.loading, 'data-testid': 'decide-ok' } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      // Rendered in place rather than in document.body: the body's scroll lock injects a <style> without the CSP nonce, which the page refuses.
      getContainer={false}
    >
      <Typography.Paragraph type="secondary">
        {request.requestingDepartment} · {request.purpose}
        {request.justification ? ` — ${request.justification}` : ''}
      </Typography.Paragraph>
      <Form<DecisionValues> form={form} layout="vertical" initialValues={{ reason: '', duration: choiceOf(request.durationSeconds), scope: request.scope }} onFinish={(values) => void submit(values)}>
        {approve && (
          <>
            <Form.Item name="duration" label={t('duration')} extra={t('narrowDurationHint')}>
              <DurationInput testId="decide-duration" />
            </Form.Item>
            <Form.Item name="scope" label={t('scope')} extra={t('narrowScopeHint')}>
              <AreaTreeSelect root={request.scope} testId="decide-scope" />
            </Form.Item>
          </>
        )}
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="decide-reason" />
        </Form.Item>
      </Form>
      <ErrorList error={decided.error} />
    </Modal>
  );
}
