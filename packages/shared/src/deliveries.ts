import { z } from 'zod';
import { pageOf, pageQuery, phoneSchema } from './common.ts';

/**
 * Home meal delivery 送餐上门 (CAN-05, ACT-10; docs/deliveries.md): the beneficiary register of
 * the community, delivery requests cooked by a canteen and carried by volunteer riders 铜河小哥.
 * Phones are masked on the wire (`138****0009`); the full number only through the audited reveal.
 * Dates are `YYYY-MM-DD` and times `HH:MM` in Asia/Shanghai; coordinates are WGS-84 on replies.
 */

/** ACT-10 groups the register records. */
export const BENEFICIARY_CATEGORIES = [
  'limited_mobility',
  'in_difficulty',
  'elderly_party_member',
  'other',
] as const;
export type BeneficiaryCategory = (typeof BENEFICIARY_CATEGORIES)[number];

export const BENEFICIARY_STATUSES = ['active', 'inactive'] as const;
export type BeneficiaryStatus = (typeof BENEFICIARY_STATUSES)[number];

export const DELIVERY_STATUSES = ['requested', 'claimed', 'delivered', 'confirmed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Riders see requests of canteens this close to them; a home this far from its canteen at most. */
export const DELIVERY_RADIUS_M = 5000;
/** Wrong receipt codes a rider may enter on one request before code entry locks for them. */
export const DELIVERY_CODE_MAX_TRIES = 5;

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time')
  .describe('Time of day HH:MM, Asia/Shanghai');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .describe('Date YYYY-MM-DD, Asia/Shanghai');
const text = (max: number) => z.string().trim().max(max);
const idParams = z.object({ id: z.uuid() });
export const deliveryIdParams = idParams;
export const beneficiaryIdParams = idParams;

const point = z.object({
  lat: z.number().min(-90).max(90).describe('Latitude in degrees'),
  lng: z.number().min(-180).max(180).describe('Longitude in degrees'),
  crs: z.enum(['wgs84', 'gcj02']).default('wgs84').describe('wgs84 (GPS) or gcj02 (AMap/Tencent maps)'),
});

// ---- beneficiaries -------------------------------------------------------------------------

export const beneficiarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  phoneMasked: z.string().describe('138****0009; the full number only through the reveal route'),
  address: z.string().describe('Full address, door and floor'),
  street: z.string().nullable().describe('Street or building group, what a rider sees before claiming'),
  lat: z.number(),
  lng: z.number(),
  communityOrgId: z.uuid(),
  communityName: z.string(),
  category: z.enum(BENEFICIARY_CATEGORIES),
  needs: z.string().nullable(),
  dietNotes: z.string().nullable(),
  freeMeals: z.boolean().describe('困难居民: meals and delivery free of charge'),
  status: z.enum(BENEFICIARY_STATUSES),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.object({ edit: z.boolean(), reveal: z.boolean(), file: z.boolean() }),
});
export type BeneficiaryDto = z.infer<typeof beneficiarySchema>;

export const createBeneficiaryBody = z.object({
  name: text(40).min(1),
  phone: phoneSchema,
  address: text(200).min(2),
  street: text(60).nullable().optional(),
  location: point,
  communityOrgId: z.uuid().describe('The community 社区 the resident lives in; must be in the actor’s scope'),
  category: z.enum(BENEFICIARY_CATEGORIES),
  needs: text(300).nullable().optional(),
  dietNotes: text(200).nullable().optional(),
  freeMeals: z.boolean().default(false),
});
export type CreateBeneficiaryInput = z.infer<typeof createBeneficiaryBody>;

export const updateBeneficiaryBody = z
  .object({
    version: z.number().int().min(1).describe('The version read; 409 delivery.conflict if it moved on'),
    name: text(40).min(1).optional(),
    phone: phoneSchema.optional(),
    address: text(200).min(2).optional(),
    street: text(60).nullable().optional(),
    location: point.optional(),
    category: z.enum(BENEFICIARY_CATEGORIES).optional(),
    needs: text(300).nullable().optional(),
    dietNotes: text(200).nullable().optional(),
    freeMeals: z.boolean().optional(),
    status: z.enum(BENEFICIARY_STATUSES).optional(),
  })
  .refine((b) => Object.entries(b).some(([k, v]) => k !== 'version' && v !== undefined), {
    message: 'Nothing to change',
  });
export type UpdateBeneficiaryInput = z.infer<typeof updateBeneficiaryBody>;

export const beneficiariesQuery = pageQuery.extend({
  q: text(40).optional().describe('Name or address contains'),
  status: z.enum(BENEFICIARY_STATUSES).optional(),
});
export type BeneficiariesQuery = z.infer<typeof beneficiariesQuery>;
export const beneficiariesReply = pageOf(beneficiarySchema);
export type BeneficiariesReply = z.infer<typeof beneficiariesReply>;

export const deliveryPlacesReply = z.object({
  communities: z.array(z.object({ id: z.uuid(), name: z.string() })),
  canteens: z.array(
    z.object({ id: z.uuid(), name: z.string(), address: z.string(), lat: z.number(), lng: z.number() }),
  ),
});
export type DeliveryPlacesReply = z.infer<typeof deliveryPlacesReply>;

// ---- requests (staff) ----------------------------------------------------------------------

export const deliveryActionsSchema = z.object({
  assign: z.boolean(),
  handle: z.boolean(),
  confirm: z.boolean(),
  cancel: z.boolean(),
});

export const deliverySchema = z.object({
  id: z.uuid(),
  beneficiaryId: z.uuid(),
  beneficiaryName: z.string(),
  beneficiaryPhoneMasked: z.string(),
  address: z.string(),
  communityName: z.string(),
  freeMeals: z.boolean(),
  stationId: z.uuid(),
  stationName: z.string(),
  date: isoDate,
  windowStart: hhmm,
  windowEnd: hhmm,
  dishes: z.string(),
  dietNotes: z.string().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  receiptCode: z.string().describe('4 digits the resident gives the rider at the door; staff only'),
  riderUserId: z.uuid().nullable(),
  riderName: z.string().nullable(),
  handledByStaff: z.boolean().describe('Marked delivered by community staff, not by a rider’s code'),
  claimedAt: z.string().nullable(),
  pickedUpAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  escalatedAt: z.string().nullable().describe('Nobody claimed it in time; staff were notified'),
  late: z.boolean().describe('Not delivered and the window has ended'),
  codeLocked: z.boolean(),
  filedByName: z.string().nullable(),
  filedByResident: z.boolean().describe('The resident filed it in their self-service page'),
  confirmedByResident: z.boolean().describe('The resident confirmed receipt themselves'),
  createdAt: z.string(),
  actions: deliveryActionsSchema,
});
export type DeliveryDto = z.infer<typeof deliverySchema>;

export const createDeliveryBody = z
  .object({
    beneficiaryId: z.uuid(),
    stationId: z.uuid().describe('The canteen cooking it (kind canteen, or offering meals)'),
    date: isoDate,
    windowStart: hhmm,
    windowEnd: hhmm,
    dishes: text(300).min(1),
    dietNotes: text(200).nullable().optional().describe('Defaults to the beneficiary’s diet notes'),
  })
  .refine((b) => b.windowStart < b.windowEnd, { message: 'window_order', path: ['windowEnd'] });
export type CreateDeliveryInput = z.infer<typeof createDeliveryBody>;

export const deliveriesQuery = pageQuery.extend({
  from: isoDate.optional().describe('From this date (default today)'),
  to: isoDate.optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  attention: z.enum(['true', 'false']).optional().describe('Only escalated or late ones'),
});
export type DeliveriesQuery = z.infer<typeof deliveriesQuery>;
export const deliveriesReply = pageOf(deliverySchema);
export type DeliveriesReply = z.infer<typeof deliveriesReply>;

export const assignDeliveryBody = z.object({ riderUserId: z.uuid().describe('An opted-in volunteer rider') });
export const cancelDeliveryBody = z.object({ reason: text(200).min(1) });

export const deliveryRidersReply = z.object({
  items: z.array(z.object({ userId: z.uuid(), name: z.string(), phoneMasked: z.string() })),
});
export type DeliveryRidersReply = z.infer<typeof deliveryRidersReply>;

// ---- riders --------------------------------------------------------------------------------

export const volunteerSchema = z.object({
  optedIn: z.boolean().describe('参加铜河小哥送餐志愿'),
  updatedAt: z.string().nullable(),
});
export type VolunteerDto = z.infer<typeof volunteerSchema>;
export const setVolunteerBody = z.object({ optedIn: z.boolean() });

export const offersQuery = z
  .object({
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
    crs: z.enum(['wgs84', 'gcj02']).default('wgs84'),
  })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: 'lat_lng_together' });
export type OffersQuery = z.infer<typeof offersQuery>;

export const offerSchema = z.object({
  id: z.uuid(),
  stationId: z.uuid(),
  stationName: z.string(),
  stationAddress: z.string(),
  date: isoDate,
  windowStart: hhmm,
  windowEnd: hhmm,
  dishes: z.string(),
  dietNotes: z.string().nullable(),
  street: z.string().nullable().describe('Street only; the door after claiming'),
  communityName: z.string(),
  toCanteenM: z.number().int().nullable().describe('From the rider to the canteen'),
  canteenToDoorM: z.number().int(),
});
export type OfferDto = z.infer<typeof offerSchema>;
export const offersReply = z.object({ optedIn: z.boolean(), items: z.array(offerSchema) });
export type OffersReply = z.infer<typeof offersReply>;

export const myDeliverySchema = z.object({
  id: z.uuid(),
  status: z.enum(DELIVERY_STATUSES),
  stationName: z.string(),
  stationAddress: z.string(),
  stationLat: z.number(),
  stationLng: z.number(),
  date: isoDate,
  windowStart: hhmm,
  windowEnd: hhmm,
  dishes: z.string(),
  dietNotes: z.string().nullable(),
  beneficiaryName: z.string().describe('Masked: 王*英'),
  communityName: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  pickedUpAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  codeTriesLeft: z.number().int(),
  actions: z.object({ pickup: z.boolean(), release: z.boolean(), deliver: z.boolean() }),
});
export type MyDeliveryDto = z.infer<typeof myDeliverySchema>;
export const myDeliveriesReply = z.object({ items: z.array(myDeliverySchema) });
export type MyDeliveriesReply = z.infer<typeof myDeliveriesReply>;

export const deliverBody = z.object({
  code: z
    .string()
    .regex(/^\d{4}$/, 'code')
    .describe('The 4-digit receipt code the resident gives at the door'),
});

// ---- residents' self-service (CAN-05: a resident files a request and confirms receipt) --------

/** A resident asks for a code: the answer is the same whether or not the phone is registered. */
export const residentCodeBody = z.object({ phone: phoneSchema });
export const residentSignInBody = z.object({
  phone: phoneSchema,
  code: z
    .string()
    .regex(/^\d{6}$/, 'six_digits')
    .describe('6-digit code from the SMS'),
});

export const residentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string(),
  communityName: z.string(),
  dietNotes: z.string().nullable(),
  freeMeals: z.boolean(),
  canteens: z
    .array(z.object({ id: z.uuid(), name: z.string(), address: z.string(), distanceM: z.number().int() }))
    .describe('Canteens that cook for home delivery within 5 km of the home, nearest first'),
});
export type ResidentDto = z.infer<typeof residentSchema>;

export const residentMeReply = z.object({
  phoneMasked: z.string(),
  residents: z.array(residentSchema).describe('Active residents registered with this phone'),
  csrfToken: z.string().describe('Send as X-CSRF-Token on every change'),
});
export type ResidentMeReply = z.infer<typeof residentMeReply>;

export const residentDeliverySchema = z.object({
  id: z.uuid(),
  beneficiaryId: z.uuid(),
  beneficiaryName: z.string(),
  stationName: z.string(),
  stationAddress: z.string(),
  date: isoDate,
  windowStart: hhmm,
  windowEnd: hhmm,
  dishes: z.string(),
  dietNotes: z.string().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  receiptCode: z.string().describe('Give it to the rider at the door, only when the meal is in hand'),
  riderName: z.string().nullable().describe('Masked'),
  late: z.boolean(),
  filedByResident: z.boolean(),
  claimedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  actions: z.object({ cancel: z.boolean(), confirm: z.boolean() }),
});
export type ResidentDeliveryDto = z.infer<typeof residentDeliverySchema>;
export const residentDeliveriesReply = z.object({ items: z.array(residentDeliverySchema) });
export type ResidentDeliveriesReply = z.infer<typeof residentDeliveriesReply>;
/** How far ahead a resident may ask (days from today, Asia/Shanghai). */
export const RESIDENT_DAYS_AHEAD = 7;
