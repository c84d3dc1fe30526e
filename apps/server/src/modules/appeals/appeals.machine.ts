import {
  APPEAL_ACTIONS,
  APPEAL_STATES,
  type AppealAction,
  type AppealSatisfaction,
  type AppealState,
} from '@nuanxin/shared';
import { AppError } from '../../platform/http/errors.ts';

/**
 * The appeal's life as one pure transition table (contract "States"). No I/O: the service loads
 * the facts the guards need into a {@link MachineContext}, asks {@link transition} for the next
 * state, and writes it. `noAnswer` is the system rule (no visit within N days); `supervise` is an
 * overlay that never changes the state.
 */

export type MachineAction = AppealAction | 'noAnswer';
export const MACHINE_ACTIONS: readonly MachineAction[] = [...APPEAL_ACTIONS, 'noAnswer'];

/** Guard names, checked in this order; each has an error code the HTTP layer answers with. */
export type GuardName = 'noPendingExtension' | 'beforeDeadline' | 'extensionPending' | 'satisfactionGiven';

export interface MachineContext {
  /** An extension request of this case waits for a decision. */
  hasPendingExtension?: boolean;
  /** The resolve deadline has passed (extend is refused then). */
  pastDeadline?: boolean;
  /** The visit's answer; `unsatisfied` sends the case back to handling (重办). */
  satisfaction?: AppealSatisfaction;
}

interface Rule {
  /** Next state, or a function of the context (visit). */
  to: AppealState | ((ctx: MachineContext) => AppealState);
  guards?: readonly GuardName[];
}

const OPEN: readonly AppealState[] = ['submitted', 'accepted', 'dispatched', 'returned', 'handling'];
const stay = (s: AppealState): Rule => ({ to: s });

/** state → action → rule. A missing entry means "not allowed from this state". */
export const TRANSITIONS: Readonly<Record<AppealState, Partial<Record<MachineAction, Rule>>>> = {
  submitted: {
    accept: { to: 'accepted' },
    refuse: { to: 'refused' },
    dispatch: { to: 'dispatched' },
    markDuplicate: { to: 'duplicate' },
    supervise: stay('submitted'),
  },
  accepted: {
    dispatch: { to: 'dispatched' },
    terminate: { to: 'terminated' },
    markDuplicate: { to: 'duplicate' },
    supervise: stay('accepted'),
  },
  dispatched: {
    sign: { to: 'handling' },
    return: { to: 'returned' },
    terminate: { to: 'terminated' },
    supervise: stay('dispatched'),
  },
  returned: {
    redispatch: { to: 'dispatched' },
    insist: { to: 'dispatched' },
    terminate: { to: 'terminated' },
    supervise: stay('returned'),
  },
  handling: {
    progress: stay('handling'),
    extend: { to: 'handling', guards: ['noPendingExtension', 'beforeDeadline'] },
    approveExtension: { to: 'handling', guards: ['extensionPending'] },
    resolve: { to: 'resolved' },
    terminate: { to: 'terminated' },
    supervise: stay('handling'),
  },
  resolved: {
    visit: {
      to: (ctx) => (ctx.satisfaction === 'unsatisfied' ? 'handling' : 'visited'),
      guards: ['satisfactionGiven'],
    },
    noAnswer: { to: 'visited' },
  },
  visited: { close: { to: 'closed' } },
  closed: {},
  refused: {},
  terminated: {},
  duplicate: {},
};

export const TERMINAL_STATES: readonly AppealState[] = APPEAL_STATES.filter(
  (s) => Object.keys(TRANSITIONS[s]).length === 0,
);

/** States the `supervise` overlay applies to. */
export const SUPERVISABLE_STATES = OPEN;

const GUARD_ERRORS: Record<
  GuardName,
  {
    code:
      | 'appeal.extension_pending'
      | 'appeal.past_deadline'
      | 'appeal.no_extension_pending'
      | 'common.validation';
    ok: (c: MachineContext) => boolean;
  }
> = {
  noPendingExtension: { code: 'appeal.extension_pending', ok: (c) => !c.hasPendingExtension },
  beforeDeadline: { code: 'appeal.past_deadline', ok: (c) => !c.pastDeadline },
  extensionPending: { code: 'appeal.no_extension_pending', ok: (c) => c.hasPendingExtension === true },
  satisfactionGiven: { code: 'common.validation', ok: (c) => c.satisfaction !== undefined },
};

/** Thrown when an action is not allowed from the state, or a guard fails. */
export class AppealTransitionError extends AppError {
  readonly from: AppealState;
  readonly action: MachineAction;
  readonly guard: GuardName | null;
  constructor(from: AppealState, action: MachineAction, guard: GuardName | null) {
    const code = guard ? GUARD_ERRORS[guard].code : 'appeal.invalid_transition';
    super(code, guard ? `Cannot ${action} (${guard})` : `Cannot ${action} an appeal that is ${from}`, {
      from,
      action,
      ...(guard ? { guard } : {}),
    });
    this.from = from;
    this.action = action;
    this.guard = guard;
  }
}

/** Whether the table has an entry for (state, action), guards aside. */
export function allowedFrom(state: AppealState, action: MachineAction): boolean {
  return TRANSITIONS[state][action] !== undefined;
}

/** The first failing guard, or null. */
export function failingGuard(
  state: AppealState,
  action: MachineAction,
  ctx: MachineContext,
): GuardName | null {
  const rule = TRANSITIONS[state][action];
  for (const g of rule?.guards ?? []) if (!GUARD_ERRORS[g].ok(ctx)) return g;
  return null;
}

/** Whether (state, action) is allowed and its guards pass. */
export function can(state: AppealState, action: MachineAction, ctx: MachineContext = {}): boolean {
  return allowedFrom(state, action) && failingGuard(state, action, ctx) === null;
}

/** The next state; throws {@link AppealTransitionError} when not allowed. */
export function transition(state: AppealState, action: MachineAction, ctx: MachineContext = {}): AppealState {
  const rule = TRANSITIONS[state][action];
  if (!rule) throw new AppealTransitionError(state, action, null);
  const guard = failingGuard(state, action, ctx);
  if (guard) throw new AppealTransitionError(state, action, guard);
  return typeof rule.to === 'function' ? rule.to(ctx) : rule.to;
}
