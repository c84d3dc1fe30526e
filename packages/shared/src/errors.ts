/**
 * Stable error codes. The server answers `{ code, message, details?, requestId }`; the web app
 * translates by `code` (i18n key `errors.<code>`), so a code, once shipped, never changes meaning.
 */
export const ERROR_CODES = {
  // generic
  'common.validation': 400,
  'common.not_found': 404,
  'common.forbidden': 403,
  'common.unauthenticated': 401,
  'common.conflict': 409,
  'common.rate_limited': 429,
  'common.internal': 500,
  'common.csrf': 403,
  'common.unavailable': 503,
  'common.payload_too_large': 413,
  // auth
  'auth.invalid_credentials': 401,
  'auth.account_locked': 423,
  'auth.account_disabled': 403,
  'auth.otp_invalid': 401,
  'auth.otp_expired': 401,
  'auth.otp_too_soon': 429,
  'auth.otp_daily_limit': 429,
  'auth.weak_password': 400,
  'auth.totp_required': 401,
  'auth.totp_invalid': 401,
  'auth.session_expired': 401,
  'auth.production_refused': 403,
  // identity & users
  'user.phone_taken': 409,
  'user.username_taken': 409,
  'user.not_found': 404,
  'user.invalid_scope': 400,
  'user.last_security_admin': 409,
  'token.not_found': 404,
  // organisations & regions
  'org.not_found': 404,
  'region.not_found': 404,
  // personal data
  'pii.reveal_forbidden': 403,
  // identity (continued)
  'auth.totp_enrolment_required': 403,
  'auth.totp_not_set_up': 409,
  'user.cannot_change_self': 409,
  'user.grant_too_wide': 403,
  // notifications
  'notification.not_found': 404,
  // appeals
  'appeal.not_found': 404,
  'appeal.conflict': 409,
  'appeal.invalid_transition': 409,
  'appeal.extension_pending': 409,
  'appeal.past_deadline': 409,
  'appeal.category_not_found': 400,
  'appeal.unit_not_found': 400,
  'appeal.duplicate_target': 400,
  'appeal.no_extension_pending': 409,
  'appeal.channel_forbidden': 403,
  // duty rota 轮值
  'duty.not_found': 404,
  'duty.already_acknowledged': 409,
  'duty.escalated': 409,
  'duty.invalid_shift': 400,
  'duty.user_not_eligible': 400,
  // platform services (calendar, geo)
  'calendar.out_of_range': 500,
  'geo.outside_china': 400,
  'geo.invalid_bbox': 400,
  // weather-delay green channel
  'green_channel.not_found': 404,
  'green_channel.invalid_transition': 409,
  'green_channel.conflict': 409,
  'green_channel.platform_not_found': 400,
  'green_channel.claim_mismatch': 400,
  'green_channel.notice_not_found': 404,
  // wishes & forums
  'wish.not_found': 404,
  'wish.box_not_found': 400,
  'wish.invalid_transition': 409,
  'wish.already_converted': 409,
  'wish.category_not_found': 400,
  'wish.tracker_not_found': 400,
  'forum.not_found': 404,
  // governance projects
  'project.not_found': 404,
  'project.conflict': 409,
  'project.invalid_transition': 409,
  'project.case_taken': 409,
  'project.appeal_not_found': 400,
  'project.unit_not_found': 400,
  'project.milestone_not_found': 404,
  'project.not_cross_cutting': 409,
  // appeal categories and the dispatch catalogue 派单目录
  'appeal.catalogue_category_not_found': 404,
  'appeal.category_code_taken': 409,
  'appeal.category_name_taken': 409,
  'appeal.category_parent_not_found': 400,
  'appeal.category_cycle': 400,
  'appeal.category_too_deep': 400,
  'appeal.category_in_use': 409,
  'appeal.category_disabled': 400,
  'appeal.dispatch_rule_not_found': 404,
  'appeal.dispatch_rule_exists': 409,
  'appeal.rule_region_invalid': 400,
  'appeal.unit_outside_region': 400,
  // files (photo uploads)
  'file.not_found': 404,
  'file.empty': 400,
  'file.corrupt': 400,
  'file.too_large': 413,
  'file.too_many_pixels': 413,
  'file.unsupported_type': 415,
  'file.heic_unsupported': 415,
  'file.quota_exceeded': 429,
  'file.not_attachable': 400,
  // e-bike parking zones 专属停放区 and compound-access notes 小区进门
  'parking_zone.not_found': 404,
  'parking_zone.conflict': 409,
  'parking_zone.appeal_not_found': 400,
  'compound_access.not_found': 404,
  'compound_access.no_codes': 400,
  'compound_access.reason_required': 400,
  'compound_access.already_reviewed': 409,
  // service stations 阵地
  'station.not_found': 404,
  'station.conflict': 409,
  'station.hours_invalid': 400,
  'station.basic_services_required': 400,
  'station.qr_invalid': 400,
  'station.not_open': 409,
  'station.service_unknown': 400,
  'station.service_type_not_found': 404,
  'station.service_type_exists': 409,
  'station.capacity_invalid': 400,
  'station.keeper_invalid': 400,
  'station.operator_not_found': 400,
  'station.region_invalid': 400,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The wire shape of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
  requestId: string;
}
