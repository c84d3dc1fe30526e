import {
  APPEAL_PRIVACY,
  APPEAL_PRIVACY_LABELS,
  APPEAL_TYPE_LABELS,
  APPEAL_TYPES,
  APPEAL_URGENCIES,
  APPEAL_URGENCY_LABELS,
  type AppealDetailDto,
  type AppealPrivacy,
  type AppealType,
  type AppealUrgency,
  type CreateAppealInput,
  normalisePhone,
} from '@nuanxin/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type FastifyPluginAsyncZod, hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.ts';
import { metaOf } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import {
  type AppealsService,
  createAppealsService,
  getPublicAppeal,
  listCountiesOf,
  listPublicAppealEvents,
  listPublicAppeals,
  listPublicCategories,
  type PublicCategory,
} from '../appeals/index.ts';
import { createIdentityService, type IdentityService } from '../identity/index.ts';
import { type Open311Status, requestOf, STAFF_APPENDIX, statesOf, updateOf } from './open311.mapping.ts';
import { countyInAddress, inLeshan, LESHAN_CITY_CODE, nearestCounty } from './open311.regions.ts';
import { toXml, type XmlObject, type XmlValue } from './open311.xml.ts';

/**
 * Open311 GeoReport v2 (docs/open311.md). Everything here answers in the format the URL's
 * suffix names (`.xml` or `.json`), errors included, as the spec's array of `{code, description}`
 * with 400, 403 (api_key) or 404 (unknown resource).
 */

export type Format = 'json' | 'xml';

/** The spec's error: an HTTP status and one or more `{code, description}`. */
export class Open311Error extends Error {
  readonly status: number;
  readonly errors: { code: number; description: string }[];
  constructor(status: number, descriptions: string | string[]) {
    const list = Array.isArray(descriptions) ? descriptions : [descriptions];
    super(list.join('; '));
    this.status = status;
    this.errors = list.map((description) => ({ code: status, description }));
  }
}

const DAY_MS = 86_400_000;
/** GeoReport v2: a query may not span more than 90 days, and returns at most 1000 requests. */
export const WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;
export const MAX_DESCRIPTION = 4000;
/** When the interface changed last (the discovery file's `changeset`). */
export const CHANGESET = '2026-11-28T00:00:00+08:00';
const SPEC_URL = 'http://wiki.open311.org/GeoReport_v2';

const formatParams = z.object({
  format: z.enum(['json', 'xml']).describe('Answer format: xml (the standard) or json'),
});

const param = (description: string) => z.string().optional().describe(description);

const windowQuery = z
  .object({
    jurisdiction_id: param('Ignored: this endpoint serves one jurisdiction'),
    start_date: param('Earliest requested_datetime, W3C format (2026-01-01T00:00:00+08:00)'),
    end_date: param('Latest requested_datetime; the span may not exceed 90 days'),
    page: param('Extension: page number from 1'),
    page_size: param('Extension: requests per page, 1–1000 (default 1000)'),
  })
  .catchall(z.unknown());

const requestsQuery = windowQuery
  .extend({
    service_request_id: param('Case numbers, comma separated; overrides every other filter'),
    service_code: param('Service codes, comma separated'),
    status: param('open, closed or both, comma separated'),
  })
  .catchall(z.unknown());

const createBody = z
  .object({
    api_key: param('API token (nx_…) of an account that may file appeals; required'),
    jurisdiction_id: param('Ignored: this endpoint serves one jurisdiction'),
    service_code: param('A service_code from GET services; required'),
    lat: z.union([z.string(), z.number()]).optional().describe('Latitude, WGS-84'),
    long: z.union([z.string(), z.number()]).optional().describe('Longitude, WGS-84'),
    address_string: param('Address, most specific first; required without lat/long'),
    address_id: param('Not supported (no address register): send lat/long or address_string'),
    email: param('Accepted and not stored'),
    device_id: param('Recorded in the audit log'),
    account_id: param('Recorded in the audit log'),
    first_name: param('Given name of the person to call back'),
    last_name: param('Family name of the person to call back'),
    phone: param('Mainland mobile number to call back; stored encrypted'),
    description: param('Up to 4000 characters'),
    media_url: param('http(s) link to a photo; shown to staff only'),
  })
  .catchall(z.unknown())
  .describe('application/x-www-form-urlencoded; attributes as attribute[code]=value');

const codeParams = formatParams.extend({ service_code: z.string().min(1).max(100) });
const idParams = formatParams.extend({ service_request_id: z.string().min(1).max(100) });
const tokenParams = formatParams.extend({ token: z.string().min(1).max(200) });

/** application/x-www-form-urlencoded → fields; `name[]` collects a list, other repeats keep the last. */
export function parseForm(text: string): Record<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const [k, v] of new URLSearchParams(text)) {
    if (k.endsWith('[]')) {
      const prev = out.get(k);
      out.set(k, Array.isArray(prev) ? [...prev, v] : [v]);
    } else out.set(k, v);
  }
  return Object.fromEntries(out);
}

/** A value as one string (the last one if repeated); empty counts as absent (spec: "Optional"). */
function single(v: unknown): string | undefined {
  const x = Array.isArray(v) ? v[v.length - 1] : v;
  if (typeof x === 'number' && Number.isFinite(x)) return String(x);
  if (typeof x !== 'string') return undefined;
  const t = x.trim();
  return t === '' ? undefined : t;
}

/** Comma-separated and/or repeated values. */
function list(v: unknown): string[] {
  const xs = Array.isArray(v) ? v : [v];
  return xs
    .filter((x): x is string => typeof x === 'string')
    .flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

const W3C_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A W3C datetime; without a zone it is Beijing time. */
export function parseW3c(s: string): Date | null {
  const m = W3C_RE.exec(s);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', zone] = m;
  let tz = zone ?? '+08:00';
  if (tz !== 'Z' && !tz.includes(':')) tz = `${tz.slice(0, 3)}:${tz.slice(3)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec}${frac}${tz}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function dateParam(q: Record<string, unknown>, name: string): Date | undefined {
  const s = single(q[name]);
  if (s === undefined) return undefined;
  const d = parseW3c(s);
  if (!d) throw new Open311Error(400, `${name} is not a W3C datetime (e.g. 2026-01-01T00:00:00+08:00)`);
  return d;
}

/** The query window: the given dates, or the most recent 90 days; never more than 90 days. */
function windowOf(q: Record<string, unknown>, now: Date): { from: Date; to: Date } {
  const start = dateParam(q, 'start_date');
  const end = dateParam(q, 'end_date');
  const span = WINDOW_DAYS * DAY_MS;
  if (start && end) {
    if (end.getTime() < start.getTime()) throw new Open311Error(400, 'end_date is before start_date');
    if (end.getTime() - start.getTime() > span)
      throw new Open311Error(400, `start_date and end_date may not span more than ${WINDOW_DAYS} days`);
    return { from: start, to: new Date(end.getTime() + 1) };
  }
  if (start) return { from: start, to: new Date(start.getTime() + span + 1) };
  const to = end ?? now;
  return { from: new Date(to.getTime() - span), to: new Date(to.getTime() + 1) };
}

function intParam(q: Record<string, unknown>, name: string, min: number, max: number, dflt: number): number {
  const s = single(q[name]);
  if (s === undefined) return dflt;
  const n = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new Open311Error(400, `${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function pageOf(q: Record<string, unknown>): { limit: number; offset: number } {
  const page = intParam(q, 'page', 1, 1_000_000, 1);
  const size = intParam(q, 'page_size', 1, MAX_REQUESTS, MAX_REQUESTS);
  return { limit: size, offset: (page - 1) * size };
}

export function formatOf(req: FastifyRequest): Format {
  const p = (req.params as { format?: unknown } | undefined)?.format;
  if (p === 'json' || p === 'xml') return p;
  const path = req.url.split('?')[0] ?? '';
  return path.endsWith('.json') ? 'json' : 'xml';
}

export function render(reply: FastifyReply, format: Format, root: string, value: XmlValue, status = 200) {
  reply.status(status);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
  return reply.type('text/xml; charset=utf-8').send(toXml(root, value));
}

function renderError(reply: FastifyReply, format: Format, e: Open311Error) {
  return render(reply, format, 'errors', e.errors, e.status);
}

/** Our errors and the framework's, as Open311 errors (404, 403, otherwise 400; 429 and 5xx kept). */
function toOpen311Error(err: FastifyError | Error): Open311Error {
  if (err instanceof Open311Error) return err;
  if (err instanceof AppError) {
    const s = err.status;
    const status = s === 404 ? 404 : s === 401 || s === 403 ? 403 : s === 429 ? 429 : s >= 500 ? 500 : 400;
    return new Open311Error(status, status === 500 ? 'Internal error' : `${err.message} (${err.code})`);
  }
  if (hasZodFastifySchemaValidationErrors(err))
    return new Open311Error(
      400,
      err.validation.map(
        (v) => `${err.validationContext ?? 'request'}${v.instancePath.replaceAll('/', '.')}: ${v.message}`,
      ),
    );
  const code = (err as FastifyError).statusCode;
  if (code === 429) return new Open311Error(429, 'Too many requests; try again later');
  if (code === 413) return new Open311Error(413, 'The request is too large');
  if (code && code >= 400 && code < 500) return new Open311Error(code === 404 ? 404 : 400, err.message);
  return new Open311Error(500, 'Internal error');
}

/** The attributes of a POST: `attribute[code]=v`, `attribute[code][]=v…`, or a JSON `attribute` object. */
export function attributesOf(body: Record<string, unknown>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (code: string, v: unknown) => {
    const values = (Array.isArray(v) ? v : [v])
      .map((x) => (typeof x === 'number' ? String(x) : x))
      .filter((x): x is string => typeof x === 'string');
    out.set(code, [...(out.get(code) ?? []), ...values]);
  };
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[([^\][]+)\](\[\])?$/.exec(k);
    if (m?.[1]) add(m[1], v);
  }
  const nested = body.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested))
    for (const [k, v] of Object.entries(nested as Record<string, unknown>)) add(k, v);
  return out;
}

/** A category offered as a service: a problem (no children) that the public may file in. */
const isService = (c: PublicCategory) => c.acceptsPublic && !c.hasChildren;

export interface Open311Options {
  appeals?: AppealsService;
  identity?: IdentityService;
  /** The clock of the default query window (tests move it). */
  now?: () => Date;
}

export function open311Routes(deps: PlatformDeps, opts: Open311Options = {}): FastifyPluginAsyncZod {
  const appeals = opts.appeals ?? createAppealsService(deps);
  const identity = opts.identity ?? createIdentityService(deps);
  const now = opts.now ?? (() => new Date());
  const db = () => deps.database.db;
  const endpointUrl = () => `${deps.config.publicUrl.replace(/\/+$/, '')}/open311/v2`;

  async function services(): Promise<PublicCategory[]> {
    return (await listPublicCategories(db())).filter(isService);
  }

  async function serviceByCode(code: string): Promise<PublicCategory | null> {
    return (await services()).find((c) => c.code === code) ?? null;
  }

  async function attributesFor(): Promise<XmlObject[]> {
    const counties = await listCountiesOf(db(), LESHAN_CITY_CODE);
    const values = (labels: Record<string, string>, keys: readonly string[]) =>
      keys.map((key) => ({ key, name: labels[key] ?? key }));
    return [
      {
        variable: true,
        code: 'type',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 1,
        description:
          '诉求类型 Type of appeal: 咨询 consult, 求助 help, 建议 suggestion, 投诉 complaint, 举报 report',
        values: values(APPEAL_TYPE_LABELS, APPEAL_TYPES),
      },
      {
        variable: true,
        code: 'urgency',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 2,
        description: '紧急程度 Urgency (default normal): sets the dispatch deadline 24 h / 2 h / 1 h',
        values: values(APPEAL_URGENCY_LABELS, APPEAL_URGENCIES),
      },
      {
        variable: true,
        code: 'region',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 3,
        description:
          '所在区县 County where it happened. Without it: the county whose seat is nearest to lat/long, or the county named in address_string',
        values: counties.map((c) => ({ key: c.code, name: c.name })),
      },
      {
        variable: true,
        code: 'privacy',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 4,
        description:
          '是否公开 Whether the request is listed by GET requests (default public; never with personal data)',
        values: values(APPEAL_PRIVACY_LABELS, APPEAL_PRIVACY),
      },
    ];
  }

  function oneOf<T extends string>(
    attrs: Map<string, string[]>,
    code: string,
    allowed: readonly T[],
    errors: string[],
  ): T | undefined {
    const v = attrs
      .get(code)
      ?.map((x) => x.trim())
      .filter((x) => x !== '');
    if (!v?.length) return undefined;
    if (v.length > 1 || !allowed.includes(v[0] as T)) {
      errors.push(`attribute[${code}] must be one of ${allowed.join(', ')}`);
      return undefined;
    }
    return v[0] as T;
  }

  return async (app) => {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => done(null, parseForm(body as string)),
    );
    app.setErrorHandler((err: FastifyError, req, reply) => {
      const e = toOpen311Error(err);
      if (e.status >= 500) req.log.error({ err }, 'open311 request failed');
      return renderError(reply, formatOf(req), e);
    });
    app.setNotFoundHandler((req, reply) =>
      renderError(reply, formatOf(req), new Open311Error(404, 'No such resource')),
    );

    app.get(
      '/discovery.:format',
      {
        schema: {
          operationId: 'open311.discovery',
          tags: ['open311'],
          summary: 'Service discovery: where the GeoReport v2 endpoint is and how to get an api_key',
          params: formatParams,
        },
      },
      async (req, reply) =>
        render(reply, req.params.format, 'discovery', {
          changeset: CHANGESET,
          contact: `暖心平台（乐山市）运营组，${deps.config.publicUrl}；诉求办理请联系所在区县的派单员`,
          key_service:
            'api_key 为平台 API 令牌（nx_…），由区县管理员为具有诉求登记权限的对接账号在管理后台“API 令牌”页签发',
          endpoints: [
            {
              specification: SPEC_URL,
              url: endpointUrl(),
              changeset: CHANGESET,
              type: deps.config.env === 'production' ? 'production' : 'test',
              formats: ['text/xml', 'application/json'],
            },
          ],
        }),
    );

    app.get(
      '/services.:format',
      {
        schema: {
          operationId: 'open311.services',
          tags: ['open311'],
          summary: 'Service list: the appeal categories open to the public',
          params: formatParams,
          querystring: z.object({ jurisdiction_id: param('Ignored') }).catchall(z.unknown()),
        },
      },
      async (req, reply) => {
        const list = (await services()).map((c) => ({
          service_code: c.code,
          service_name: c.name,
          description: c.parentName ? `${c.parentName} · ${c.name}` : c.name,
          metadata: true,
          type: 'realtime',
          keywords: [c.parentName, c.name].filter(Boolean).join(', '),
          group: c.parentName,
        }));
        return render(reply, req.params.format, 'services', list);
      },
    );

    app.get(
      '/services/:service_code.:format',
      {
        schema: {
          operationId: 'open311.service',
          tags: ['open311'],
          summary: 'Service definition: the attributes a request of this service takes',
          params: codeParams,
          querystring: z.object({ jurisdiction_id: param('Ignored') }).catchall(z.unknown()),
        },
      },
      async (req, reply) => {
        const c = await serviceByCode(req.params.service_code);
        if (!c) throw new Open311Error(404, `service_code ${req.params.service_code} was not found`);
        return render(reply, req.params.format, 'service_definition', {
          service_code: c.code,
          attributes: await attributesFor(),
        });
      },
    );

    app.post(
      '/requests.:format',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          operationId: 'open311.createRequest',
          tags: ['open311'],
          summary: 'File a service request: an appeal on channel open311 (api_key required)',
          consumes: ['application/x-www-form-urlencoded'],
          params: formatParams,
          body: createBody,
        },
      },
      async (req, reply) => {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const query = req.query as Record<string, unknown>;
        const key = single(body.api_key) ?? single(query.api_key);
        if (!key) throw new Open311Error(403, 'api_key is missing -- can not create the request');
        const auth = await identity.authenticate({ bearer: key });
        if (!auth) throw new Open311Error(403, 'Invalid api_key received -- can not create the request');
        const actor = auth.actor;
        if (actor.kind !== 'staff' || !actor.permissions.has('appeals.create'))
          throw new Open311Error(403, 'The account of this api_key may not file appeals');

        const code = single(body.service_code);
        if (!code) throw new Open311Error(400, 'service_code was not provided');
        const service = await serviceByCode(code);
        if (!service) throw new Open311Error(404, `service_code ${code} was not found`);

        const errors: string[] = [];
        const latS = single(body.lat);
        const lngS = single(body.long);
        const address = single(body.address_string);
        const addressId = single(body.address_id);
        let point: { lat: number; lng: number } | null = null;
        if (latS !== undefined || lngS !== undefined) {
          const lat = Number(latS);
          const lng = Number(lngS);
          if (latS === undefined || lngS === undefined) errors.push('lat and long must be sent together');
          else if (
            !Number.isFinite(lat) ||
            !Number.isFinite(lng) ||
            Math.abs(lat) > 90 ||
            Math.abs(lng) > 180
          )
            errors.push('lat/long is not a valid WGS-84 coordinate');
          else if (!inLeshan({ lat, lng }))
            errors.push('lat/long is outside 乐山市 (Leshan), the area we serve');
          else point = { lat, lng };
        } else if (!address) {
          errors.push(
            addressId
              ? 'address_id is not supported here; send lat and long, or address_string'
              : 'A location is required: lat and long, or address_string',
          );
        }

        const attrs = attributesOf(body);
        const type = oneOf<AppealType>(attrs, 'type', APPEAL_TYPES, errors);
        if (!type && !attrs.get('type')?.some((v) => v.trim() !== ''))
          errors.push('attribute[type] is required');
        const urgency = oneOf<AppealUrgency>(attrs, 'urgency', APPEAL_URGENCIES, errors) ?? 'normal';
        const privacy = oneOf<AppealPrivacy>(attrs, 'privacy', APPEAL_PRIVACY, errors) ?? 'public';
        let regionCode = attrs.get('region')?.[0]?.trim() || undefined;
        if (regionCode) {
          const counties = await listCountiesOf(db(), LESHAN_CITY_CODE);
          const known = counties.some(
            (c) => c.code === regionCode || (regionCode!.length === 9 && regionCode!.startsWith(c.code)),
          );
          if (!known)
            errors.push('attribute[region] must be a county (or township) code of 乐山市, e.g. 511111');
        }
        if (!regionCode && point) regionCode = nearestCounty(point).code;
        if (!regionCode && address) regionCode = countyInAddress(address) ?? undefined;
        if (!regionCode && !point && address)
          errors.push(
            'attribute[region] is required when the location is only an address_string without a county name',
          );

        const text = typeof body.description === 'string' ? body.description.trim() : '';
        if ([...text].length > MAX_DESCRIPTION)
          errors.push(`description may not be longer than ${MAX_DESCRIPTION} characters`);
        const phoneRaw = single(body.phone);
        const phone = phoneRaw ? normalisePhone(phoneRaw) : null;
        if (phoneRaw && !phone) errors.push('phone is not a mainland mobile number');
        const media = single(body.media_url);
        if (media && (!/^https?:\/\/\S+$/i.test(media) || media.length > 1000))
          errors.push('media_url must be an http(s) URL of at most 1000 characters');
        if (errors.length) throw new Open311Error(400, errors);

        const first = single(body.first_name) ?? '';
        const last = single(body.last_name) ?? '';
        const cjk = /[\u3400-\u9fff]/.test(first + last);
        const name = (cjk ? `${last}${first}` : `${first} ${last}`).trim();

        let description = text;
        if ([...description].length < 5)
          description = description ? `${service.name}：${description}` : `${service.name}（开放接口报送）`;
        const appendix: string[] = [];
        if (!point && address) appendix.push(`地点：${address}`);
        if (point && address && [...address].length > 200) appendix.push(`地点：${address}`);
        if (addressId) appendix.push(`地址编号：${addressId}`);
        if (media) appendix.push(`附件：${media}`);
        if (appendix.length) description += STAFF_APPENDIX + appendix.join('\n');

        const input: CreateAppealInput = {
          type: type!,
          categoryId: service.id,
          urgency,
          description,
          location: point
            ? {
                lat: point.lat,
                lng: point.lng,
                crs: 'wgs84',
                address: address ? [...address].slice(0, 200).join('') : undefined,
              }
            : undefined,
          regionCode,
          privacy,
          anonymous: false,
          contactName: name ? [...name].slice(0, 40).join('') : undefined,
          contactPhone: phone ?? undefined,
          channel: 'open311',
        };
        const meta = metaOf(req);
        let appeal: AppealDetailDto;
        try {
          appeal = (await appeals.create(actor, meta, input)).appeal;
        } catch (err) {
          if (err instanceof AppError && err.code === 'region.not_found')
            throw new Open311Error(400, `attribute[region] ${regionCode} is not a region we know`);
          if (err instanceof AppError && err.code === 'appeal.category_not_found')
            throw new Open311Error(404, `service_code ${code} was not found`);
          throw err;
        }
        await writeAudit(db(), actor, meta, {
          action: 'open311.request_create',
          entityType: 'appeal',
          entityId: appeal.id,
          after: {
            caseNo: appeal.caseNo,
            serviceCode: service.code,
            regionCode: appeal.regionCode,
            tokenId: actor.tokenId,
            accountId: single(body.account_id) ?? null,
            deviceId: single(body.device_id) ?? null,
          },
        });
        const days = appeals.settings.resolveWorkingDays[appeal.type];
        const hours = appeals.settings.dispatchHours[appeal.urgency];
        return render(reply, req.params.format, 'service_requests', [
          {
            service_request_id: appeal.caseNo,
            service_notice: `已登记为 ${appeal.caseNo}（${appeal.regionName}）。将在 ${hours} 小时内派单，${APPEAL_TYPE_LABELS[appeal.type]}类诉求自派单起 ${days} 个工作日内办结。`,
            account_id: null,
          },
        ]);
      },
    );

    app.get(
      '/requests.:format',
      {
        schema: {
          operationId: 'open311.requests',
          tags: ['open311'],
          summary: 'Public service requests: 90 days / 1000 by default, with page and page_size',
          params: formatParams,
          querystring: requestsQuery,
        },
      },
      async (req, reply) => {
        const q = req.query as Record<string, unknown>;
        const { limit, offset } = pageOf(q);
        const ids = list(q.service_request_id);
        let result: Awaited<ReturnType<typeof listPublicAppeals>>;
        if (ids.length) {
          if (ids.length > MAX_REQUESTS)
            throw new Open311Error(400, `At most ${MAX_REQUESTS} service_request_id at once`);
          result = await listPublicAppeals(db(), { caseNos: ids, limit, offset });
        } else {
          const statuses = list(q.status);
          for (const s of statuses)
            if (s !== 'open' && s !== 'closed') throw new Open311Error(400, 'status must be open or closed');
          const { from, to } = windowOf(q, now());
          result = await listPublicAppeals(db(), {
            categoryCodes: list(q.service_code),
            states: [...new Set(statuses)].flatMap((s) => statesOf(s as Open311Status)),
            from,
            to,
            limit,
            offset,
          });
        }
        reply.header('x-total-count', String(result.total));
        return render(reply, req.params.format, 'service_requests', result.rows.map(requestOf));
      },
    );

    app.get(
      '/requests/:service_request_id.:format',
      {
        schema: {
          operationId: 'open311.request',
          tags: ['open311'],
          summary: 'One public service request by its case number',
          params: idParams,
          querystring: z.object({ jurisdiction_id: param('Ignored') }).catchall(z.unknown()),
        },
      },
      async (req, reply) => {
        const row = await getPublicAppeal(db(), req.params.service_request_id);
        if (!row)
          throw new Open311Error(404, `service_request_id ${req.params.service_request_id} was not found`);
        return render(reply, req.params.format, 'service_requests', [requestOf(row)]);
      },
    );

    app.get(
      '/tokens/:token.:format',
      {
        schema: {
          operationId: 'open311.token',
          tags: ['open311'],
          summary: 'Token lookup: every service is realtime, so no token is ever issued (always 404)',
          params: tokenParams,
        },
      },
      async (req) => {
        throw new Open311Error(
          404,
          `token ${req.params.token} was not found: services here are realtime and POST returns service_request_id`,
        );
      },
    );

    app.get(
      '/servicerequestupdates.:format',
      {
        schema: {
          operationId: 'open311.updates',
          tags: ['open311'],
          summary: 'mySociety extension: one update per public event of a public request, oldest first',
          params: formatParams,
          querystring: windowQuery,
        },
      },
      async (req, reply) => {
        const q = req.query as Record<string, unknown>;
        const { limit, offset } = pageOf(q);
        const { from, to } = windowOf(q, now());
        const { rows, total } = await listPublicAppealEvents(db(), { from, to, limit, offset });
        reply.header('x-total-count', String(total));
        return render(reply, req.params.format, 'service_request_updates', rows.map(updateOf));
      },
    );
  };
}
