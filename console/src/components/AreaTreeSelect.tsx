import { useState } from 'react';
import { useApolloClient } from '@apollo/client';
import { TreeSelect } from 'antd';
import { AreasDocument } from '../gql/graphql';
import { useI18n } from '../i18n';

interface AreaNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

/** TreeSelect values may not be empty strings: the whole city (scope "") is this one instead. */
const WHOLE_CITY = 'city';

const nodeValue = (scope: string) => scope || WHOLE_CITY;

/**
 * A scope picked from the jurisdiction tree (district → street → community → grid), each level loaded
 * when opened. The tree starts at `root`: the whole city, or the scope requested when an owner narrows it.
 */
export function AreaTreeSelect({ root, value = root, onChange, testId }: { root: string; value?: string; onChange?: (scope: string) => void; testId: string }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const [loaded, setLoaded] = useState<AreaNode[]>([]);
  const rootNode: AreaNode = { id: nodeValue(root), pId: null, value: nodeValue(root), title: root || t('wholeCity'), isLeaf: false };
  const loadChildren = async (parent: string) => {
    const { data } = await client.query({ query: AreasDocument, variables: parent === WHOLE_CITY ? {} : { parentCode: parent } });
    const children = (data.areas ?? []).map((area) => ({ id: area.code, pId: parent, value: area.code, title: `${area.name} · ${area.code}`, isLeaf: area.level === 'GRID' }));
    setLoaded((known) => [...known.filter((node) => node.pId !== parent), ...children]);
  };
  return (
    <TreeSelect
      treeDataSimpleMode
      treeData={[rootNode, ...loaded]}
      treeDefaultExpandedKeys={[nodeValue(root)]}
      loadData={(node) => loadChildren(String(node.value))}
      value={nodeValue(value)}
      onChange={(picked: string) => onChange?.(picked === WHOLE_CITY ? '' : picked)}
      style={{ width: 360 }}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
