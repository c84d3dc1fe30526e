import type { CreateAppealInput } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { inTransaction } from '../../../platform/db/tx.ts';
import { appealsWorld } from '../../appeals/__tests__/fixtures.ts';
import { createReminders, REMINDER_JOB } from '../../appeals/appeals.reminders.ts';
import { seedDemoDuty } from '../duty.seed.ts';
import { createDutyService, ESCALATE_JOB } from '../duty.service.ts';

describe.each(testEngines())('duty rota and reminders (%s)', (engine) => {
  // Saturday 7 March 2026, 03:00 in Leshan: outside office hours.
  const clock = { now: new Date('2026-03-06T19:00:00Z') };
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  beforeAll(async () => {
    w = await appealsWorld(engine, clock);
    await inTransaction(w.t.database, ({ tx }) => seedDemoDuty(tx, w.orgs, w.users, clock.now));
  }, 120_000);
  afterAll(async () => w?.t.close());

  const input = (): CreateAppealInput => ({
    type: 'help',
    categoryId: w.categories.get('policy.weather_fines')!,
    urgency: 'normal',
    description: '夜间配送时电动车被扣，无人处理',
    regionCode: '511102004',
    privacy: 'private',
    anonymous: false,
  });
  const rows = async (text: string) =>
    ((await w.t.database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;
  const file = async () => {
    const r = await w.svc.create(w.actors.worker1, null, input());
    await w.t.deps.events.dispatchPending();
    await w.t.deps.events.idle();
    return r.appeal.id;
  };
  const later = (min: number) => () => new Date(Date.now() + min * 60_000);

  it('an off-hours case goes to the officer on duty; unacknowledged after 30 min it escalates', async () => {
    clock.now = new Date('2026-03-06T19:00:00Z');
    const id = await file();
    const duty = createDutyService(w.t.deps);
    let list = await duty.ofAppeal(id);
    expect(list.map((a) => [a.level, a.userId])).toEqual([[0, w.users['szq.dispatch']]]);
    const jobs = await rows(
      `select singleton_key from pgboss.job where name = '${ESCALATE_JOB}' and singleton_key = '${id}:0'`,
    );
    expect(jobs).toHaveLength(1);
    const sms = await rows(`select template from message_outbox where template = 'duty_assigned'`);
    expect(sms.length).toBeGreaterThan(0);

    // Before the 30 minutes are up, the check does nothing.
    expect(await createDutyService(w.t.deps, { now: later(10) }).escalate(jobOf(list[0]!))).toBe('skipped');
    expect(await createDutyService(w.t.deps, { now: later(31) }).escalate(jobOf(list[0]!))).toBe('done');
    list = await duty.ofAppeal(id);
    expect(list.map((a) => [a.level, a.userId])).toEqual([
      [0, w.users['szq.dispatch']],
      [1, w.users['szq.admin']],
    ]);
    expect(list[0]!.escalatedTo).toBe(w.users['szq.admin']);
    // A second delivery of the same job changes nothing.
    expect(await createDutyService(w.t.deps, { now: later(31) }).escalate(jobOf(list[0]!))).toBe('skipped');
    const notes = await rows(
      `select action from appeal_event where appeal_id = '${id}' and action like 'duty_%' order by at`,
    );
    expect(notes.map((n) => n.action)).toEqual(['duty_assigned', 'duty_escalated']);
  });

  it('an acknowledged case does not escalate', async () => {
    clock.now = new Date('2026-03-06T20:00:00Z');
    const id = await file();
    const duty = createDutyService(w.t.deps);
    const [a] = await duty.ofAppeal(id);
    const me = await duty.mine(w.actors.dispatcher);
    expect(me.map((x) => x.id)).toContain(a!.id);
    await duty.acknowledge(w.actors.dispatcher, null, a!.id);
    expect(await createDutyService(w.t.deps, { now: later(31) }).escalate(jobOf(a!))).toBe('skipped');
    expect((await duty.ofAppeal(id)).length).toBe(1);
  });

  it('a case taken in meanwhile does not escalate', async () => {
    clock.now = new Date('2026-03-06T21:00:00Z');
    const id = await file();
    const duty = createDutyService(w.t.deps);
    const [a] = await duty.ofAppeal(id);
    await w.svc.act(w.actors.dispatcher, null, id, 'accept', {});
    await w.svc.act(w.actors.dispatcher, null, id, 'dispatch', { unitId: w.orgs['szq.scjg']! });
    expect(await createDutyService(w.t.deps, { now: later(31) }).escalate(jobOf(a!))).toBe('skipped');
  });

  it('an in-hours case is not assigned', async () => {
    clock.now = new Date('2026-03-09T02:00:00Z'); // Monday 10:00
    const id = await file();
    expect(await createDutyService(w.t.deps).ofAppeal(id)).toEqual([]);
  });

  it('reminders are scheduled on dispatch, fire once, and skip when the case moved on', async () => {
    clock.now = new Date('2026-03-09T02:00:00Z');
    const id = await file();
    const d = await w.svc.act(w.actors.dispatcher, null, id, 'dispatch', { unitId: w.orgs['szq.scjg']! });
    await w.t.deps.events.dispatchPending();
    await w.t.deps.events.idle();
    const keys = (
      await rows(
        `select singleton_key from pgboss.job where name = '${REMINDER_JOB}' and data->>'appealId' = '${id}'`,
      )
    ).map((r) => String(r.singleton_key).split(':')[1]);
    expect(keys.sort()).toEqual(['due', 'due_1wd', 'sign_80', 'sign_due']);

    const rem = createReminders(w.t.deps);
    const sign80 = { appealId: id, kind: 'sign_80' as const, deadline: d.signDueAt! };
    expect(await rem.run(sign80)).toBe('done');
    expect(await rem.run(sign80)).toBe('skipped');
    const notes = await rows(
      `select note from appeal_event where appeal_id = '${id}' and action = 'reminder'`,
    );
    expect(notes).toHaveLength(1);
    const inbox = await rows(
      `select count(*)::int as n from notification where user_id = '${w.users['szq.scjg']}' and kind = 'appeal.reminder'`,
    );
    expect(inbox[0]!.n).toBeGreaterThan(0);

    await w.svc.act(w.actors.scjg, null, id, 'sign', {});
    expect(await rem.run({ appealId: id, kind: 'sign_due', deadline: d.signDueAt! })).toBe('skipped');
    // A timer set for another deadline (an extension moved it) does nothing.
    expect(await rem.run({ appealId: id, kind: 'due', deadline: '2020-01-01T00:00:00.000Z' })).toBe(
      'skipped',
    );
    expect(await rem.run({ appealId: id, kind: 'due', deadline: d.dueAt! })).toBe('done');
    await w.svc.act(w.actors.scjg, null, id, 'resolve', { reply: '已协调处理完毕' });
    expect(await rem.run({ appealId: id, kind: 'due_1wd', deadline: d.dueAt! })).toBe('skipped');
  });

  // Last: it stops the dispatcher's after-commit kicks so that the cases wait for one pass.
  it('a burst of off-hours cases is handled in one batch: each assigned, noted, told and timed', async () => {
    clock.now = new Date('2026-03-07T15:00:00Z'); // Saturday 23:00
    await w.t.deps.events.dispatchPending();
    await w.t.deps.events.stop();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await w.svc.create(w.actors.worker1, null, input())).appeal.id);
    // One in-hours case in the same batch is left alone.
    clock.now = new Date('2026-03-09T03:00:00Z'); // Monday 11:00
    const inHours = (await w.svc.create(w.actors.worker1, null, input())).appeal.id;
    expect(await w.t.deps.events.dispatchPending()).toBe(4);
    const duty = createDutyService(w.t.deps);
    for (const id of ids) {
      const list = await duty.ofAppeal(id);
      expect(list.map((a) => [a.level, a.userId])).toEqual([[0, w.users['szq.dispatch']]]);
      const notes = await rows(
        `select note from appeal_event where appeal_id = '${id}' and action = 'duty_assigned'`,
      );
      expect(notes).toHaveLength(1);
      expect(String(notes[0]!.note)).toContain('须在30分钟内确认接收');
      const jobs = await rows(
        `select data->>'assignmentId' as a from pgboss.job where name = '${ESCALATE_JOB}' and singleton_key = '${id}:0'`,
      );
      expect(jobs.map((j) => j.a)).toEqual([list[0]!.id]);
      const caseNo = (await rows(`select case_no from appeal where id = '${id}'`))[0]!.case_no;
      const told = await rows(
        `select kind from notification where title = '值班来件：${caseNo}'
         union all select template from message_outbox where params->>'caseNo' = '${caseNo}'`,
      );
      expect(told.map((t) => t.kind).sort()).toEqual(['duty.assigned', 'duty_assigned']);
    }
    expect(await duty.ofAppeal(inHours)).toEqual([]);
  });
});

function jobOf(a: { id: string; appealId: string; level: number }) {
  return { assignmentId: a.id, appealId: a.appealId, level: a.level };
}
