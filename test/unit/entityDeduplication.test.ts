import { deduplicateRepresentations, expandEntities } from '@civic/gateway/entityDeduplication';

describe('asking a subgraph for each distinct entity once', () => {
  const building = (id: string) => ({ __typename: 'Building', id });
  const { unique, uniqueIndexOf } = deduplicateRepresentations([building('1'), building('2'), building('1'), building('1'), building('3')]);

  it('sends each representation once, remembering where each occurrence came from', () => {
    expect(unique).toEqual([building('1'), building('2'), building('3')]);
    expect(uniqueIndexOf).toEqual([0, 1, 0, 0, 2]);
  });

  it('spreads entities and their errors back to every occurrence', () => {
    const response = {
      data: { _entities: [{ address: 'one' }, null, { address: 'three' }] },
      errors: [
        { message: 'Your department may not read Building.managerPhone', path: ['_entities', 0, 'managerPhone'] },
        { message: 'not found', path: ['_entities', 1] },
        { message: 'no path' },
      ],
    };
    const expanded = expandEntities(response, uniqueIndexOf);
    expect(expanded.data!._entities).toEqual([{ address: 'one' }, null, { address: 'one' }, { address: 'one' }, { address: 'three' }]);
    expect(expanded.errors!.map((e) => e.path)).toEqual([
      ['_entities', 0, 'managerPhone'],
      ['_entities', 2, 'managerPhone'],
      ['_entities', 3, 'managerPhone'],
      ['_entities', 1],
      undefined,
    ]);
  });

  it('leaves an answer without entities as it is', () => {
    expect(expandEntities({ data: null, errors: [{ message: 'down' }] }, uniqueIndexOf)).toEqual({ data: null, errors: [{ message: 'down' }] });
  });
});
