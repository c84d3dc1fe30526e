import { DELIVERY_STATUSES, type DeliveryStatus } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import {
  canDelivery,
  DELIVERY_ACTIONS,
  type DeliveryAction,
  FINAL_DELIVERY_STATES,
  nextDeliveryState,
} from '../deliveries.machine.ts';

/**
 * CAN-05 delivery state machine, exhaustively: every action × every state × every guard context
 * against the expected table (requested → claimed → delivered → confirmed, cancel from requested
 * or claimed, release back to requested before pickup).
 */

type Ctx = { pickedUp: boolean; codeLocked: boolean };
const CONTEXTS: Ctx[] = [
  { pickedUp: false, codeLocked: false },
  { pickedUp: true, codeLocked: false },
  { pickedUp: false, codeLocked: true },
  { pickedUp: true, codeLocked: true },
];

function expected(action: DeliveryAction, state: DeliveryStatus, c: Ctx): DeliveryStatus | null {
  switch (action) {
    case 'claim':
    case 'assign':
      return state === 'requested' ? 'claimed' : null;
    case 'release':
      return state === 'claimed' && !c.pickedUp ? 'requested' : null;
    case 'pickup':
      return state === 'claimed' && !c.pickedUp ? 'claimed' : null;
    case 'deliver':
      return state === 'claimed' && !c.codeLocked ? 'delivered' : null;
    case 'handle':
      return state === 'requested' || state === 'claimed' ? 'delivered' : null;
    case 'confirm':
      return state === 'delivered' ? 'confirmed' : null;
    case 'cancel':
      return state === 'requested' || state === 'claimed' ? 'cancelled' : null;
  }
}

describe('CAN-05 meal delivery state machine', () => {
  const cases = DELIVERY_ACTIONS.flatMap((a) =>
    DELIVERY_STATUSES.flatMap((s) => CONTEXTS.map((c) => [a, s, c] as const)),
  );
  it.each(cases)('%s from %s with %o', (action, state, ctx) => {
    const want = expected(action, state, ctx);
    expect(nextDeliveryState(action, state, ctx)).toBe(want);
    expect(canDelivery(action, state, ctx)).toBe(want !== null);
  });

  it('leaves confirmed and cancelled for nowhere', () => {
    for (const s of FINAL_DELIVERY_STATES)
      for (const a of DELIVERY_ACTIONS) for (const c of CONTEXTS) expect(canDelivery(a, s, c)).toBe(false);
  });

  it('walks the happy path and the release loop', () => {
    let s: DeliveryStatus = 'requested';
    s = nextDeliveryState('claim', s)!;
    s = nextDeliveryState('release', s)!;
    expect(s).toBe('requested');
    s = nextDeliveryState('claim', s)!;
    expect(nextDeliveryState('release', s, { pickedUp: true, codeLocked: false })).toBeNull();
    s = nextDeliveryState('deliver', s)!;
    s = nextDeliveryState('confirm', s)!;
    expect(s).toBe('confirmed');
  });
});
