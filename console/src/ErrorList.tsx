import { Alert } from 'antd';
import type { ApolloError } from '@apollo/client';
import { useI18n } from './i18n';

interface ShownError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** A refused request (HTTP 400, 401, 429...) carries its GraphQL errors in the network error's body. */
function errorsOf(error: ApolloError): readonly ShownError[] {
  if (error.graphQLErrors.length) return error.graphQLErrors;
  const body = (error.networkError as { result?: { errors?: ShownError[] } } | null)?.result;
  if (body?.errors?.length) return body.errors;
  return [{ message: error.message }];
}

/** The gateway's errors as they came, with their code: a refusal is shown as one, never hidden. */
export function ErrorList({ error }: { error: ApolloError | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <>
      {errorsOf(error).map((item, index) => {
        const code = String(item.extensions?.code ?? 'ERROR');
        return <Alert key={index} type="error" showIcon style={{ marginBottom: 8 }} message={code === 'FORBIDDEN' ? `${t('notAllowed')} (FORBIDDEN)` : code} description={item.message} data-testid="graphql-error" />;
      })}
    </>
  );
}
