import { classifiedReads, judgeDeepAnswer, partialAnswerProblem, type DeepData, type Outcome } from '@civic/testkit/faults';

/** The fault suite's judgement of answers, on answers written by hand: what counts as partial with the right error. */
const healthy: DeepData = {
  grid: {
    code: '330101001001001',
    workerPhone: '13800000000',
    residents: {
      totalCount: 2,
      edges: [
        { node: { id: '1', name: 'Li Wei', age: 40, phone: null, building: { id: '7', managerPhone: '13900000000', address: 'No. 1', hazards: [], incidents: [{ id: '3', description: 'Smoke', dispatches: [{ id: '5', dispatchedBy: 'duty-1' }] }] } } },
        { node: { id: '2', name: 'Wang Fang', age: 8, phone: '13700000000', building: { id: '7', managerPhone: '13900000000', address: 'No. 1', hazards: [], incidents: [{ id: '3', description: 'Smoke', dispatches: [{ id: '5', dispatchedBy: 'duty-1' }] }] } } },
      ],
    },
  },
};

function outcome(data: DeepData | null, errors: Outcome['errors'] = []): Outcome {
  return { kind: 'deep', subject: 's', startedAt: 0, endedAt: 1, status: 200, errors, verdict: judgeDeepAnswer(healthy, data) };
}

function withBuildings(change: (building: Record<string, unknown>) => Record<string, unknown> | null): DeepData {
  const copy = structuredClone(healthy);
  for (const edge of copy.grid!.residents.edges) edge.node.building = change(edge.node.building as unknown as Record<string, unknown>) as never;
  return copy;
}

const unavailable = (service: string, path: string) => ({ code: 'SUBGRAPH_UNAVAILABLE', service, path, message: `The ${service} subgraph could not be reached` });

describe("the fault suite's verdicts", () => {
  it('finds the healthy answer whole and says where another differs', () => {
    expect(judgeDeepAnswer(healthy, structuredClone(healthy))).toMatchObject({ whole: true, difference: undefined });
    const renamed = structuredClone(healthy);
    renamed.grid!.residents.edges[1]!.node.name = 'Wang F.';
    expect(judgeDeepAnswer(healthy, renamed).difference).toBe('at grid.residents.edges.1.node.name: "Wang F." instead of "Wang Fang"');
  });

  it('accepts a buildings outage that nulls each building (or only its buildings fields), with one error at the first building', () => {
    const error = unavailable('buildings', 'grid.residents.edges.0.node.building.address');
    expect(partialAnswerProblem(outcome(withBuildings(() => null), [error]), 'buildings', 'SUBGRAPH_UNAVAILABLE')).toBeUndefined();
    const keptIds = withBuildings((b) => ({ ...b, address: null, managerPhone: null, hazards: null, use: null, floors: null }));
    expect(partialAnswerProblem(outcome(keptIds, [error]), 'buildings', 'SUBGRAPH_UNAVAILABLE')).toBeUndefined();
  });

  it('refuses an outage answer that lost more than the branch, kept the branch, or reported it wrongly', () => {
    const error = unavailable('buildings', 'grid.residents.edges.0.node.building');
    expect(partialAnswerProblem(outcome(null, [error]), 'buildings', 'SUBGRAPH_UNAVAILABLE')).toMatch(/^what buildings does not serve is lost/);
    expect(partialAnswerProblem(outcome(structuredClone(healthy), [error]), 'buildings', 'SUBGRAPH_UNAVAILABLE')).toBe("buildings's fields are not null");
    const nulled = withBuildings(() => null);
    expect(partialAnswerProblem(outcome(nulled, [error, error]), 'buildings', 'SUBGRAPH_UNAVAILABLE')).toMatch(/^2 errors instead of one/);
    expect(partialAnswerProblem(outcome(nulled, [{ ...error, service: undefined }]), 'buildings', 'SUBGRAPH_UNAVAILABLE')).toMatch(/^wrong error/);
    expect(partialAnswerProblem(outcome(nulled, [error]), 'buildings', 'SUBGRAPH_TIMEOUT')).toMatch(/^wrong error/);
    expect(partialAnswerProblem(outcome(nulled, [{ ...error, path: 'grid' }]), 'buildings', 'SUBGRAPH_UNAVAILABLE')).toMatch(/^wrong error/);
  });

  it('accepts a resources outage only when everything but the dispatches is intact', () => {
    const noDispatches = withBuildings((b) => ({ ...b, incidents: [{ id: '3', description: 'Smoke', dispatches: null }] }));
    const error = unavailable('resources', 'grid.residents.edges.0.node.building.incidents.0.dispatches');
    expect(partialAnswerProblem(outcome(noDispatches, [error]), 'resources', 'SUBGRAPH_UNAVAILABLE')).toBeUndefined();
    const noIncidents = withBuildings((b) => ({ ...b, incidents: null }));
    expect(partialAnswerProblem(outcome(noIncidents, [error]), 'resources', 'SUBGRAPH_UNAVAILABLE')).toMatch(/^what resources does not serve is lost/);
  });

  it('names each classified value an answer hands out once, as the audit trail records it', () => {
    expect(classifiedReads(healthy)).toEqual([
      'Building.managerPhone:7',
      'Dispatch.dispatchedBy:5',
      'Grid.workerPhone:330101001001001',
      'Incident.description:3',
      'Resident.age:1',
      'Resident.age:2',
      'Resident.name:1',
      'Resident.name:2',
      'Resident.phone:2',
    ]);
    expect(classifiedReads({ grid: null })).toEqual([]);
  });
});
