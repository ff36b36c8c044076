import { Alert } from 'antd';
import type { ApolloError } from '@apollo/client';
import { useI18n } from './i18n';

/** The gateway's errors as they came, with their code: a refusal is shown as one, never hidden. */
export function ErrorList({ error }: { error: ApolloError | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  const items = error.graphQLErrors.length ? error.graphQLErrors : [{ message: error.message, extensions: {} as Record<string, unknown> }];
  return (
    <>
      {items.map((item, index) => {
        const code = String(item.extensions?.code ?? 'ERROR');
        return <Alert key={index} type="error" showIcon style={{ marginBottom: 8 }} message={code === 'FORBIDDEN' ? `${t('notAllowed')} (FORBIDDEN)` : code} description={item.message} data-testid="graphql-error" />;
      })}
    </>
  );
}
