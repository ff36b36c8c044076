import { authorizeAction } from '@civic/governance';
import { type DispatchStatus as DispatchStatusValue } from '../vocabulary.js';
import { ErrorCode, conflict, notFound, type EntityManager } from '@civic/runtime';
import { optionalText, recordLiveEvent, requireId, requirePositiveInt, type RequestContext } from '@civic/subgraph-kit';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { StockItem } from '../depots/StockItem.js';
import { RescueTeam } from '../teams/RescueTeam.js';
import { deployTeam, releaseTeam, returnStock, stockState, takeStock } from './commitments.js';
import { Dispatch } from './Dispatch.js';
import { DispatchStockInput, DispatchTeamInput } from './DispatchInputs.js';
import { ACTIVE_DISPATCH_STATUSES } from './DispatchStatus.js';

const NOTE_MAX_LENGTH = 1000;

function dispatchedBy(ctx: RequestContext): string {
  return `${ctx.identity.department}:${ctx.identity.subject}`;
}

/** Moves an active dispatch to its final status, or explains why it cannot move. */
async function finishDispatch(em: EntityManager, id: number, status: DispatchStatusValue, verb: string): Promise<Dispatch> {
  const changed = await em.nativeUpdate(Dispatch, { id, status: { $in: [...ACTIVE_DISPATCH_STATUSES] } }, { status });
  const dispatch = await em.findOne(Dispatch, id, { refresh: true });
  if (!dispatch) throw notFound('Dispatch', String(id), 'id');
  if (changed !== 1) {
    throw conflict(ErrorCode.IllegalTransition, `Dispatch ${id} is ${dispatch.status}; only ${ACTIVE_DISPATCH_STATUSES.join(' or ')} dispatches can be ${verb}`, {
      status: dispatch.status,
    });
  }
  return dispatch;
}

/** The policy decides on the dispatch as it stands; a missing one is left for finishDispatch to report. */
async function authorizeOnDispatch(em: EntityManager, ctx: RequestContext, action: 'Mutation.completeDispatch' | 'Mutation.cancelDispatch', id: number): Promise<void> {
  const dispatch = await em.findOne(Dispatch, id);
  if (dispatch) authorizeAction(ctx, action, dispatch);
}

/** The incidents subgraph owns incidents: a dispatch goes only to one that exists and the caller may see. */
async function requireIncident(ctx: RequestContext, incidentId: number): Promise<void> {
  await ctx.owners.require('incidents', 'Incident', incidentId, '', 'input.incidentId');
}

@Resolver(() => Dispatch)
export class DispatchMutationResolver {
  @Mutation(() => Dispatch, { nullable: true, description: 'Sends a READY rescue team to an incident; the team becomes DEPLOYED.' })
  async dispatchTeam(@Arg('input', () => DispatchTeamInput) input: DispatchTeamInput, @Ctx() ctx: RequestContext) {
    const incidentId = requireId(input.incidentId, 'input.incidentId');
    const teamId = requireId(input.teamId, 'input.teamId');
    const note = optionalText(input.note, 'input.note', NOTE_MAX_LENGTH);
    await requireIncident(ctx, incidentId);
    return ctx.em.transactional(async (em) => {
      const target = await em.findOne(RescueTeam, teamId);
      if (target) authorizeAction(ctx, 'Mutation.dispatchTeam', { incidentId, teamId, gridCode: target.gridCode, status: 'EN_ROUTE' });
      const deployed = await deployTeam(em, teamId);
      const team = await em.findOne(RescueTeam, teamId, { refresh: true });
      if (!team) throw notFound('Rescue team', input.teamId, 'input.teamId');
      if (!deployed) throw conflict(ErrorCode.Conflict, `Rescue team ${teamId} is ${team.readiness}, not READY`, { readiness: team.readiness });
      const dispatch = em.create(Dispatch, {
        incidentId,
        gridCode: team.gridCode,
        teamId,
        stockItemId: null,
        quantity: null,
        status: 'EN_ROUTE',
        dispatchedAt: new Date(),
        note,
        dispatchedBy: dispatchedBy(ctx),
      });
      await em.flush();
      // Flushed with the commit (em.transactional), so the event and the dispatch stand or fall together.
      recordLiveEvent(em, ctx, 'dispatch.created', dispatch);
      return dispatch;
    });
  }

  @Mutation(() => Dispatch, { nullable: true, description: 'Sends supplies from a depot to an incident; stock never goes below zero.' })
  async dispatchStock(@Arg('input', () => DispatchStockInput) input: DispatchStockInput, @Ctx() ctx: RequestContext) {
    const incidentId = requireId(input.incidentId, 'input.incidentId');
    const stockItemId = requireId(input.stockItemId, 'input.stockItemId');
    const quantity = requirePositiveInt(input.quantity, 'input.quantity');
    const note = optionalText(input.note, 'input.note', NOTE_MAX_LENGTH);
    await requireIncident(ctx, incidentId);
    return ctx.em.transactional(async (em) => {
      // Read outside the identity map: the quantity changes underneath it, and a stale copy must not reach the response.
      const item = await em.findOne(StockItem, stockItemId, { disableIdentityMap: true });
      if (!item) throw notFound('Stock item', input.stockItemId, 'input.stockItemId');
      authorizeAction(ctx, 'Mutation.dispatchStock', { incidentId, stockItemId, quantity, gridCode: item.gridCode, status: 'EN_ROUTE' });
      if (!(await takeStock(em, stockItemId, quantity))) {
        const { quantity: available, expired } = await stockState(em, stockItemId);
        if (expired) throw conflict(ErrorCode.Conflict, `Stock item ${stockItemId} expired on ${item.expiresAt}`, { expiresAt: item.expiresAt });
        throw conflict(ErrorCode.InsufficientStock, `Stock item ${stockItemId} has ${available} left; ${quantity} requested`, { available, requested: quantity });
      }
      const dispatch = em.create(Dispatch, {
        incidentId,
        gridCode: item.gridCode,
        teamId: null,
        stockItemId,
        quantity,
        status: 'EN_ROUTE',
        dispatchedAt: new Date(),
        note,
        dispatchedBy: dispatchedBy(ctx),
      });
      await em.flush();
      // Flushed with the commit (em.transactional), so the events and the dispatch stand or fall together.
      recordLiveEvent(em, ctx, 'dispatch.created', dispatch);
      recordLiveEvent(em, ctx, 'stock.changed', { id: stockItemId, gridCode: item.gridCode });
      return dispatch;
    });
  }

  @Mutation(() => Dispatch, { nullable: true, description: 'Marks a dispatch done: status RETURNED, and its team READY unless it is still out elsewhere.' })
  completeDispatch(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    const dispatchId = requireId(id, 'id');
    return ctx.em.transactional(async (em) => {
      await authorizeOnDispatch(em, ctx, 'Mutation.completeDispatch', dispatchId);
      const dispatch = await finishDispatch(em, dispatchId, 'RETURNED', 'completed');
      if (dispatch.teamId !== null) await releaseTeam(em, dispatch.teamId);
      recordLiveEvent(em, ctx, 'dispatch.returned', dispatch);
      return dispatch;
    });
  }

  @Mutation(() => Dispatch, { nullable: true, description: 'Calls a dispatch off: status CANCELLED, its supplies back in stock, its team READY again.' })
  cancelDispatch(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    const dispatchId = requireId(id, 'id');
    return ctx.em.transactional(async (em) => {
      await authorizeOnDispatch(em, ctx, 'Mutation.cancelDispatch', dispatchId);
      const dispatch = await finishDispatch(em, dispatchId, 'CANCELLED', 'cancelled');
      if (dispatch.teamId !== null) await releaseTeam(em, dispatch.teamId);
      if (dispatch.stockItemId !== null && dispatch.quantity !== null) {
        await returnStock(em, dispatch.stockItemId, dispatch.quantity);
        // A dispatch's grid is its stock's depot's grid (dispatchStock).
        recordLiveEvent(em, ctx, 'stock.changed', { id: dispatch.stockItemId, gridCode: dispatch.gridCode });
      }
      recordLiveEvent(em, ctx, 'dispatch.cancelled', dispatch);
      return dispatch;
    });
  }
}
