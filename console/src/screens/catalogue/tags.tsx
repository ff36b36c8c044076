import { Space, Tag, Tooltip } from 'antd';
import type { CatalogueDecisionPartsFragment, CatalogueEntryPartsFragment, SharingClass } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { STATE_COLORS } from '../Matrix';

export const SHARING_CLASSES: SharingClass[] = ['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED'];
const CLASS_COLORS: Record<SharingClass, string> = { UNCONDITIONAL: 'green', CONDITIONAL: 'gold', NOT_SHARED: 'red' };

export const classLabel = (value: SharingClass) => `class${value}` as const;

/** The class the catalogue publishes; when the owner declared it, a mark with their reason and the class the policy implies. */
export function SharingClassTag({ entry }: { entry: CatalogueEntryPartsFragment }) {
  const { t } = useI18n();
  const declared = entry.sharingClassSource === 'OWNER';
  return (
    <Space size={4} wrap data-testid="sharing-class" data-class={entry.sharingClass} data-source={entry.sharingClassSource}>
      <Tag color={CLASS_COLORS[entry.sharingClass]}>{t(classLabel(entry.sharingClass))}</Tag>
      {declared && (
        <Tooltip
          title={
            <>
              <div>
                {t('reason')}: {entry.sharingClassReason}
              </div>
              <div>
                {t('classDerived')}: {t(classLabel(entry.derivedSharingClass))}
              </div>
            </>
          }
        >
          <Tag bordered={false} color="purple" data-testid="declared-by-owner">
            {t('declaredByOwner')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** What the user gets of the field on one record: the effect in the matrix's colours, the mask style, the reason on hover. */
export function AccessTag({ decision, testId }: { decision: CatalogueDecisionPartsFragment; testId: string }) {
  return (
    <Tooltip title={decision.reason}>
      <Tag color={STATE_COLORS[decision.effect]} data-testid={testId} data-effect={decision.effect} data-mask={decision.mask ?? ''}>
        {decision.effect.toLowerCase()}
        {decision.mask ? ` · ${decision.mask}` : ''}
      </Tag>
    </Tooltip>
  );
}
