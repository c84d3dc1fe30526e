import { z } from 'zod';
import {
  HUB_BOOKING_STATUSES,
  HUB_MAX_NIGHTS,
  HUB_PLACE_STATES,
  HUB_ROOM_STATUSES,
  isValidPlate,
  normalisePlate,
} from './hub.labels.ts';
import { paymentSchema } from './payments.ts';

export * from './hub.labels.ts';

/**
 * The 暖心之家 truck-driver hub (docs/hub.md, docs/contract-hub-canteen.md): rooms, beds, truck
 * bays, cameras, the tariff and bookings. Money in fen, dates `YYYY-MM-DD` in Asia/Shanghai.
 */

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'date',
  )
  .describe('Date YYYY-MM-DD (Asia/Shanghai)');

const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s) && URL.canParse(s), 'http_url')
  .describe('An http(s) URL');

const code = z.string().trim().min(1).max(20);
const idParam = z.uuid();

export const plateSchema = z
  .string()
  .max(12)
  .transform(normalisePlate)
  .refine(isValidPlate, 'plate')
  .describe('Vehicle plate, e.g. 川L12345 or new-energy 川LD12345');

export const hubStationParams = z.object({ id: idParam });
export const hubRoomParams = z.object({ roomId: idParam });
export const hubBedParams = z.object({ bedId: idParam });
export const hubBayParams = z.object({ bayId: idParam });
export const hubCameraParams = z.object({ cameraId: idParam });
export const hubBookingParams = z.object({ bookingId: idParam });

// ---- setup ------------------------------------------------------------------------------------

export const hubBedSchema = z.object({
  id: z.uuid(),
  roomId: z.uuid(),
  code: z.string(),
  status: z.enum(HUB_ROOM_STATUSES),
});
export type HubBedDto = z.infer<typeof hubBedSchema>;

export const hubRoomSchema = z.object({
  id: z.uuid(),
  stationId: z.uuid(),
  code: z.string(),
  name: z.string(),
  floor: z.number().int(),
  status: z.enum(HUB_ROOM_STATUSES),
  /** The room TV page key; only managers see it (null otherwise). */
  tvKey: z.string().nullable(),
  beds: z.array(hubBedSchema),
  version: z.number().int(),
});
export type HubRoomDto = z.infer<typeof hubRoomSchema>;

export const hubCameraSchema = z.object({
  id: z.uuid(),
  stationId: z.uuid(),
  code: z.string(),
  name: z.string(),
  area: z.string().nullable(),
  streamUrl: z.string().nullable(),
  snapshotUrl: z.string().nullable(),
  /** Same-origin address of the current picture (served through the server), null without a snapshot. */
  snapshotSrc: z.string().nullable(),
  version: z.number().int(),
});
export type HubCameraDto = z.infer<typeof hubCameraSchema>;

export const hubBaySchema = z.object({
  id: z.uuid(),
  stationId: z.uuid(),
  code: z.string(),
  lengthM: z.number().nullable(),
  cameraId: z.uuid().nullable(),
  cameraName: z.string().nullable(),
  status: z.enum(HUB_ROOM_STATUSES),
  version: z.number().int(),
});
export type HubBayDto = z.infer<typeof hubBaySchema>;

export const hubTariffSchema = z.object({
  stationId: z.uuid(),
  ownBeddingFen: z.number().int(),
  withoutBeddingFen: z.number().int(),
  bayFen: z.number().int(),
  version: z.number().int(),
});
export type HubTariffDto = z.infer<typeof hubTariffSchema>;

export const hubSetupReply = z.object({
  stationId: z.uuid(),
  stationName: z.string(),
  rooms: z.array(hubRoomSchema),
  bays: z.array(hubBaySchema),
  cameras: z.array(hubCameraSchema),
  tariff: hubTariffSchema,
  actions: z.object({ manage: z.boolean(), keep: z.boolean() }),
});
export type HubSetupDto = z.infer<typeof hubSetupReply>;

export const createHubRoomBody = z.object({
  code: code.describe('Room number, e.g. 101'),
  name: z.string().trim().max(40).optional(),
  floor: z.number().int().min(-3).max(50).default(1),
  beds: z.array(code).min(1).max(12).describe('Bed codes, e.g. ["A", "B"]'),
});
export type CreateHubRoomInput = z.input<typeof createHubRoomBody>;

export const updateHubRoomBody = z.object({
  version: z.number().int(),
  name: z.string().trim().max(40).optional(),
  floor: z.number().int().min(-3).max(50).optional(),
  status: z.enum(HUB_ROOM_STATUSES).optional(),
  /** Beds to add (codes). */
  addBeds: z.array(code).max(12).optional(),
  /** Issue a new TV key (the old TV link stops working). */
  rotateTvKey: z.boolean().optional(),
});
export type UpdateHubRoomInput = z.input<typeof updateHubRoomBody>;

export const updateHubBedBody = z.object({ status: z.enum(HUB_ROOM_STATUSES) });

export const createHubCameraBody = z.object({
  code: code,
  name: z.string().trim().min(1).max(40),
  area: z.string().trim().max(100).nullish(),
  streamUrl: httpUrl.nullish(),
  snapshotUrl: httpUrl.nullish(),
});
export type CreateHubCameraInput = z.input<typeof createHubCameraBody>;

export const updateHubCameraBody = createHubCameraBody.partial().extend({ version: z.number().int() });
export type UpdateHubCameraInput = z.input<typeof updateHubCameraBody>;

export const createHubBayBody = z.object({
  code: code,
  lengthM: z.number().min(1).max(40).nullish(),
  cameraId: z.uuid().nullish(),
});
export type CreateHubBayInput = z.input<typeof createHubBayBody>;

export const updateHubBayBody = z.object({
  version: z.number().int(),
  lengthM: z.number().min(1).max(40).nullish(),
  cameraId: z.uuid().nullish(),
  status: z.enum(HUB_ROOM_STATUSES).optional(),
});
export type UpdateHubBayInput = z.input<typeof updateHubBayBody>;

export const updateHubTariffBody = z.object({
  version: z.number().int(),
  ownBeddingFen: z.number().int().min(0).max(100_000),
  withoutBeddingFen: z.number().int().min(0).max(100_000),
  bayFen: z.number().int().min(0).max(100_000),
});
export type UpdateHubTariffInput = z.input<typeof updateHubTariffBody>;

// ---- availability and booking -----------------------------------------------------------------

export const hubOfferQuery = z.object({
  from: dateSchema.optional(),
  nights: z.coerce.number().int().min(1).max(HUB_MAX_NIGHTS).default(1),
});

export const hubNightSchema = z.object({
  date: z.string(),
  freeBeds: z.number().int(),
  freeBays: z.number().int(),
});

export const hubOfferReply = z.object({
  stationId: z.uuid(),
  stationName: z.string(),
  today: z.string(),
  /** The last date a stay may start on. */
  lastStart: z.string(),
  maxNights: z.number().int(),
  tariff: hubTariffSchema.omit({ version: true }),
  nights: z.array(hubNightSchema),
  /** Plate of the worker's latest booking with a bay (to prefill the form). */
  lastPlate: z.string().nullable(),
});
export type HubOfferDto = z.infer<typeof hubOfferReply>;

export const createHubBookingBody = z.object({
  from: dateSchema.describe('First night'),
  nights: z.number().int().min(1).max(HUB_MAX_NIGHTS),
  ownBedding: z.boolean(),
  bay: z.boolean().default(false),
  plate: plateSchema.nullish(),
  bedId: z.uuid().nullish().describe('A named bed; any free bed when absent'),
  bayId: z.uuid().nullish().describe('A named bay; any free bay when absent'),
});
export type CreateHubBookingInput = z.input<typeof createHubBookingBody>;

export const hubBookingSchema = z.object({
  id: z.uuid(),
  stationId: z.uuid(),
  stationName: z.string(),
  roomId: z.uuid(),
  roomCode: z.string(),
  bedId: z.uuid(),
  bedCode: z.string(),
  bayId: z.uuid().nullable(),
  bayCode: z.string().nullable(),
  camera: hubCameraSchema.omit({ version: true, snapshotUrl: true }).nullable(),
  from: z.string().describe('First night'),
  to: z.string().describe('Check-out date (the day after the last night)'),
  nights: z.number().int(),
  ownBedding: z.boolean(),
  /** Masked (川L·***45) except to the guest and the station's keepers. */
  plate: z.string().nullable(),
  amountFen: z.number().int(),
  status: z.enum(HUB_BOOKING_STATUSES),
  guestName: z.string(),
  /** 138****1234 — only keepers and managers see it. */
  guestPhone: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  createdAt: z.string(),
  /** The charge (payments module), null when none was made. */
  payment: paymentSchema.nullable(),
  actions: z.object({
    cancel: z.boolean(),
    checkIn: z.boolean(),
    checkOut: z.boolean(),
    noShow: z.boolean(),
  }),
});
export type HubBookingDto = z.infer<typeof hubBookingSchema>;

export const hubBookingsReply = z.object({ items: z.array(hubBookingSchema) });
export type HubBookingsDto = z.infer<typeof hubBookingsReply>;

// ---- bookings board ---------------------------------------------------------------------------

export const hubBoardQuery = z.object({ date: dateSchema.optional() });

export const hubBoardPlaceSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  state: z.enum(HUB_PLACE_STATES),
  bookingId: z.uuid().nullable(),
  guestName: z.string().nullable(),
  plate: z.string().nullable(),
});

export const hubBoardReply = z.object({
  stationId: z.uuid(),
  stationName: z.string(),
  date: z.string(),
  rooms: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      status: z.enum(HUB_ROOM_STATUSES),
      beds: z.array(hubBoardPlaceSchema),
    }),
  ),
  bays: z.array(hubBoardPlaceSchema.extend({ cameraName: z.string().nullable() })),
  counts: z.object({
    beds: z.number().int(),
    bedsFree: z.number().int(),
    bays: z.number().int(),
    baysFree: z.number().int(),
  }),
  arrivals: z.array(hubBookingSchema),
  departures: z.array(hubBookingSchema),
  inHouse: z.array(hubBookingSchema),
});
export type HubBoardDto = z.infer<typeof hubBoardReply>;

// ---- room TV ----------------------------------------------------------------------------------

export const hubTvQuery = z.object({ k: z.string().min(1).max(100) });
export const hubSnapshotQuery = z.object({
  k: z.string().max(100).optional(),
  t: z.string().max(20).optional(),
});

export const hubTvReply = z.object({
  stationName: z.string(),
  roomCode: z.string(),
  /** Tonight's guests of the room (one per bed), empty when the room is empty. */
  guests: z.array(z.object({ plate: z.string().nullable(), bayCode: z.string().nullable(), to: z.string() })),
  cameras: z.array(hubCameraSchema.omit({ version: true, snapshotUrl: true })),
});
export type HubTvDto = z.infer<typeof hubTvReply>;
