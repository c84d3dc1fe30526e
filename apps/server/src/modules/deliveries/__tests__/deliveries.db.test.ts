import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../../platform/calendar/index.ts';
import { testEngines } from '../../../platform/db/testing.ts';
import { actorFor } from '../../appeals/appeals.seed.ts';
import { createDeliveriesService } from '../deliveries.service.ts';
import {
  CANTEEN,
  countRows,
  type DeliveriesWorld,
  deliveriesWorld,
  eventually,
  fileOne,
  offset,
} from './fixtures.ts';

/**
 * CAN-05 home meal delivery on both engines: scope of the register, one winner of concurrent
 * claims (row lock), the receipt code and its lock, confirmation and its event, escalation by the
 * job with an injected clock.
 */
describe.each(testEngines())('CAN-05 deliveries on %s', (engine) => {
  let w: DeliveriesWorld;
  // 2026-03-10 08:00 Asia/Shanghai: a Tuesday, windows later the same day.
  const clock = { now: new Date('2026-03-10T00:00:00Z') };
  const today = '2026-03-10';
  let rider1: ReturnType<typeof actorFor>;
  let rider2: ReturnType<typeof actorFor>;

  beforeAll(async () => {
    w = await deliveriesWorld(engine, clock);
    rider1 = w.actors.worker1;
    rider2 = w.actors.worker2;
    await w.svc.setVolunteer(rider1, null, true);
    await w.svc.setVolunteer(rider2, null, true);
  }, 180_000);
  afterAll(async () => w?.t.close());

  it('keeps the register to the community: 市中区 staff cannot see a 沙湾区 beneficiary', async () => {
    const { b } = await fileOne(w, w.actors.swqStaff, 'swq.shawan.c1', { date: today, phone: '13700000201' });
    expect(b.phoneMasked).toBe('137****0201');
    const mine = await w.svc.listBeneficiaries(w.actors.swqStaff, { page: 1, pageSize: 50 });
    expect(mine.items.map((x) => x.id)).toContain(b.id);
    const theirs = await w.svc.listBeneficiaries(w.actors.szqStaff, { page: 1, pageSize: 50 });
    expect(theirs.items.map((x) => x.id)).not.toContain(b.id);
    await expect(w.svc.reveal(w.actors.szqStaff, null, b.id)).rejects.toMatchObject({
      code: 'delivery.beneficiary_not_found',
    });
    const before = await countRows(
      w.t.database.db,
      'audit_log',
      sql`action = 'pii.reveal' and entity_id = ${b.id}`,
    );
    expect((await w.svc.reveal(w.actors.swqStaff, null, b.id)).value).toBe('13700000201');
    expect(
      await countRows(w.t.database.db, 'audit_log', sql`action = 'pii.reveal' and entity_id = ${b.id}`),
    ).toBe(before + 1);
    // The phone is stored encrypted, never in clear.
    expect(await countRows(w.t.database.db, 'beneficiary', sql`phone_enc like '%13700000201%'`)).toBe(0);
    // Registering in another community is refused.
    await expect(
      w.svc.createBeneficiary(w.actors.szqStaff, null, {
        name: '越界',
        phone: '13700000299',
        address: '沙湾镇某路 1 号',
        location: { ...CANTEEN, crs: 'wgs84' },
        communityOrgId: w.orgs['swq.shawan.c1']!,
        category: 'other',
        freeMeals: false,
      }),
    ).rejects.toMatchObject({ code: 'delivery.community_invalid' });
  });

  it('refuses homes farther than 5 km, non-canteens and past windows', async () => {
    const { b } = await fileOne(w, w.actors.swqStaff, 'swq.shawan.c1', { date: today, phone: '13700000202' });
    const far = await w.svc.createBeneficiary(w.actors.swqStaff, null, {
      name: '远方',
      phone: '13700000203',
      address: '远处',
      location: { ...offset(CANTEEN, 6000, 0), crs: 'wgs84' },
      communityOrgId: w.orgs['swq.shawan.c1']!,
      category: 'other',
      freeMeals: false,
    });
    const body = {
      stationId: w.canteenId,
      date: today,
      windowStart: '11:00',
      windowEnd: '11:30',
      dishes: '套餐',
    };
    await expect(
      w.svc.create(w.actors.swqStaff, null, { ...body, beneficiaryId: far.id }),
    ).rejects.toMatchObject({
      code: 'delivery.too_far',
    });
    await expect(
      w.svc.create(w.actors.swqStaff, null, {
        ...body,
        beneficiaryId: b.id,
        windowStart: '07:00',
        windowEnd: '07:30',
      }),
    ).rejects.toMatchObject({ code: 'delivery.window_past' });
    const [notCanteen] = (
      (await w.t.database.db.execute(
        sql`select id from station where kind <> 'canteen' and not exists (select 1 from station_service ss where ss.station_id = station.id and ss.service_code in ('meals','meal_delivery')) limit 1`,
      )) as unknown as { rows: { id: string }[] }
    ).rows;
    await expect(
      w.svc.create(w.actors.swqStaff, null, { ...body, beneficiaryId: b.id, stationId: notCanteen!.id }),
    ).rejects.toMatchObject({ code: 'delivery.station_invalid' });
  });

  it('lets exactly one of two concurrent claims win (409 delivery.already_claimed)', async () => {
    for (let i = 0; i < 3; i++) {
      const { d } = await fileOne(w, w.actors.swqStaff, 'swq.shawan.c1', {
        date: today,
        phone: `1370000030${i}`,
      });
      // Separate services (as two requests would be) racing on the same row.
      const a = createDeliveriesService(w.t.deps, { now: () => clock.now });
      const b = createDeliveriesService(w.t.deps, { now: () => clock.now });
      const results = await Promise.allSettled([a.claim(rider1, null, d.id), b.claim(rider2, null, d.id)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({
        code: 'delivery.already_claimed',
        status: 409,
      });
      const [row] = (
        (await w.t.database.db.execute(
          sql`select status, rider_user_id from meal_delivery where id = ${d.id}`,
        )) as unknown as {
          rows: { status: string; rider_user_id: string }[];
        }
      ).rows;
      expect(row!.status).toBe('claimed');
      expect([rider1.userId, rider2.userId]).toContain(row!.rider_user_id);
    }
  });

  it('needs the opt-in to claim and hides the door until claimed', async () => {
    const outsider = actorFor(w.users['szq.admin']!, '路人', 'worker', 'worker');
    const { d } = await fileOne(w, w.actors.swqStaff, 'swq.shawan.c1', { date: today, phone: '13700000401' });
    await expect(w.svc.claim(outsider, null, d.id)).rejects.toMatchObject({ code: 'delivery.not_volunteer' });
    expect((await w.svc.offers(outsider, { crs: 'wgs84' })).optedIn).toBe(false);
    const offers = await w.svc.offers(rider1, { lat: CANTEEN.lat, lng: CANTEEN.lng, crs: 'wgs84' });
    const offer = offers.items.find((o) => o.id === d.id)!;
    expect(offer.street).toBe('滨河路');
    expect(JSON.stringify(offer)).not.toContain('3 单元');
    expect(JSON.stringify(offer)).not.toContain(d.receiptCode);
    // Windows in order.
    const starts = offers.items.map((o) => `${o.date} ${o.windowStart}`);
    expect(starts).toEqual([...starts].sort());
    // 6 km away the canteen is out of reach.
    const far = offset(CANTEEN, 6000, 0);
    expect((await w.svc.offers(rider1, { ...far, crs: 'wgs84' })).items.some((o) => o.id === d.id)).toBe(
      false,
    );
    const mine = await w.svc.claim(rider1, null, d.id);
    expect(mine.address).toContain('3 单元');
    expect(mine.beneficiaryName).toBe('王*英');
    expect(JSON.stringify(mine)).not.toContain(d.receiptCode);
    // Claiming twice answers the same delivery.
    expect((await w.svc.claim(rider1, null, d.id)).id).toBe(d.id);
  });

  it('releases before pickup only', async () => {
    const { d } = await fileOne(w, w.actors.swqStaff, 'swq.shawan.c1', { date: today, phone: '13700000501' });
    await w.svc.claim(rider1, null, d.id);
    const back = await w.svc.release(rider1, null, d.id);
    expect(back.status).toBe('requested');
    await w.svc.claim(rider2, null, d.id);
    await expect(w.svc.release(rider1, null, d.id)).rejects.toMatchObject({ code: 'delivery.not_found' });
    await w.svc.pickup(rider2, null, d.id);
    await expect(w.svc.release(rider2, null, d.id)).rejects.toMatchObject({
      code: 'delivery.invalid_transition',
    });
  });

  it('counts wrong codes, locks after five, and delivers with the right one', async () => {
    const { d } = await fileOne(w, w.actors.swqStaff, 'swq.shawan.c1', { date: today, phone: '13700000601' });
    await w.svc.claim(rider1, null, d.id);
    const wrong = d.receiptCode === '0000' ? '1111' : '0000';
    for (let i = 1; i <= 5; i++)
      await expect(w.svc.deliver(rider1, null, d.id, wrong)).rejects.toMatchObject({
        code: 'delivery.wrong_code',
        details: { attemptsLeft: 5 - i },
      });
    await expect(w.svc.deliver(rider1, null, d.id, d.receiptCode)).rejects.toMatchObject({
      code: 'delivery.code_locked',
    });
    // Staff check with the resident and mark it delivered; the lock is shown on the board.
    const board = await w.svc.list(w.actors.swqStaff, { page: 1, pageSize: 200, from: today });
    expect(board.items.find((x) => x.id === d.id)!.codeLocked).toBe(true);
    const handled = await w.svc.handle(w.actors.swqStaff, null, d.id);
    expect(handled.status).toBe('delivered');
    expect(handled.handledByStaff).toBe(true);
    expect(handled.riderUserId).toBe(rider1.userId);

    const other = await fileOne(w, w.actors.swqStaff, 'swq.shawan.c1', { date: today, phone: '13700000602' });
    await w.svc.claim(rider2, null, other.d.id);
    await expect(w.svc.deliver(rider1, null, other.d.id, other.d.receiptCode)).rejects.toMatchObject({
      code: 'delivery.not_found',
    });
    const done = await w.svc.deliver(rider2, null, other.d.id, other.d.receiptCode);
    expect(done.status).toBe('delivered');
  });

  it('confirms a delivered one and emits meal_delivery.confirmed (once)', async () => {
    const { d } = await fileOne(w, w.actors.swqStaff, 'swq.shawan.c1', { date: today, phone: '13700000701' });
    await expect(w.svc.confirm(w.actors.swqStaff, null, d.id)).rejects.toMatchObject({
      code: 'delivery.invalid_transition',
    });
    await w.svc.claim(rider2, null, d.id);
    await w.svc.deliver(rider2, null, d.id, d.receiptCode);
    await expect(w.svc.confirm(w.actors.szqStaff, null, d.id)).rejects.toMatchObject({
      code: 'delivery.not_found',
    });
    const c = await w.svc.confirm(w.actors.swqStaff, null, d.id);
    expect(c.status).toBe('confirmed');
    const events = (
      (await w.t.database.db.execute(
        sql`select payload from outbox_event where type = 'meal_delivery.confirmed' and payload->>'deliveryId' = ${d.id}`,
      )) as unknown as { rows: { payload: { riderUserId: string; handledByStaff: boolean } }[] }
    ).rows;
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ riderUserId: rider2.userId, handledByStaff: false });
    await expect(w.svc.cancel(w.actors.swqStaff, null, d.id, 'x')).rejects.toMatchObject({
      code: 'delivery.invalid_transition',
    });
    // The receipt code never reaches the audit log.
    expect(
      await countRows(
        w.t.database.db,
        'audit_log',
        sql`entity_id = ${d.id} and summary::text like ${`%${d.receiptCode}%`}`,
      ),
    ).toBe(0);
  });

  it('escalates unclaimed requests 60 minutes before the window, once, and notifies the staff', async () => {
    clock.now = new Date('2026-03-11T00:00:00Z'); // 08:00 on the 11th
    const date = shanghaiDate(clock.now);
    const soon = await fileOne(w, w.actors.swqStaff, 'swq.shawan.c1', {
      date,
      windowStart: '09:00',
      windowEnd: '09:30',
      phone: '13700000801',
    });
    const later = await fileOne(w, w.actors.swqStaff, 'swq.shawan.c1', {
      date,
      windowStart: '09:30',
      windowEnd: '10:00',
      phone: '13700000802',
    });
    const taken = await fileOne(w, w.actors.swqStaff, 'swq.shawan.c1', {
      date,
      windowStart: '08:30',
      windowEnd: '09:00',
      phone: '13700000803',
    });
    await w.svc.claim(rider1, null, taken.d.id);
    const staffUser = w.actors.swqStaff.userId;
    const notices = () =>
      countRows(
        w.t.database.db,
        'notification',
        sql`user_id = ${staffUser} and kind = 'meal_delivery.escalated' and body like ${`${date} 09:00%`}`,
      );
    const before = await notices();
    expect(before).toBe(0);
    // Earlier tests' requests of the 10th are long due: a first sweep takes them.
    clock.now = new Date('2026-03-10T23:00:00Z');
    await w.svc.escalateDue();

    clock.now = new Date('2026-03-10T23:59:00Z'); // 07:59: 61 minutes before 09:00, not yet
    expect(await w.svc.escalateDue()).toBe('skipped');

    clock.now = new Date('2026-03-11T00:00:00Z'); // 08:00 = 60 min before 09:00: due
    expect(await w.svc.escalateDue()).toBe('done');
    const board = await w.svc.list(w.actors.swqStaff, {
      page: 1,
      pageSize: 200,
      from: date,
      attention: 'true',
    });
    const ids = board.items.map((x) => x.id);
    expect(ids).toContain(soon.d.id);
    expect(ids).not.toContain(later.d.id);
    expect(ids).not.toContain(taken.d.id);
    expect(await eventually(notices, (n) => n > before)).toBe(before + 1);
    // The swq.community notice only; the 市中区 community worker hears nothing of it.
    expect(
      await countRows(
        w.t.database.db,
        'notification',
        sql`user_id = ${w.users['szq.community']!} and kind = 'meal_delivery.escalated'`,
      ),
    ).toBe(0);
    // A second sweep at the same time finds nothing new.
    expect(await w.svc.escalateDue()).toBe('skipped');
    clock.now = new Date('2026-03-11T00:30:00Z'); // 08:30: now 09:30 is due too
    expect(await w.svc.escalateDue()).toBe('done');
    // Staff assign a named rider to the escalated one.
    const assigned = await w.svc.assign(w.actors.swqStaff, null, soon.d.id, rider2.userId);
    expect(assigned.status).toBe('claimed');
    expect(assigned.riderName).toBe('李师傅');
    await expect(
      w.svc.assign(w.actors.swqStaff, null, later.d.id, w.users['szq.admin']!),
    ).rejects.toMatchObject({ code: 'delivery.rider_invalid' });
  });
});
