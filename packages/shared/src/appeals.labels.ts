/**
 * The appeals enumerations and their zh-CN labels as plain objects (split out of appeals.ts). This
 * file imports nothing, so a web chunk that only shows labels does not pull zod (import it as
 * `@nuanxin/shared/appeals.labels`); appeals.ts re-exports all of it.
 */
export const APPEAL_TYPES = ['consult', 'help', 'suggestion', 'complaint', 'report'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];
export const APPEAL_TYPE_LABELS: Record<AppealType, string> = {
  consult: '咨询',
  help: '求助',
  suggestion: '建议',
  complaint: '投诉',
  report: '举报',
};

export const APPEAL_STATES = [
  'submitted',
  'accepted',
  'dispatched',
  'returned',
  'handling',
  'resolved',
  'visited',
  'closed',
  'refused',
  'terminated',
  'duplicate',
] as const;
export type AppealState = (typeof APPEAL_STATES)[number];
export const APPEAL_STATE_LABELS: Record<AppealState, string> = {
  submitted: '待受理',
  accepted: '待派单',
  dispatched: '待签收',
  returned: '退单待审',
  handling: '办理中',
  resolved: '已办结',
  visited: '已回访',
  closed: '已销号',
  refused: '不予受理',
  terminated: '终止办理',
  duplicate: '重复诉求',
};
/** States from which nothing moves any more. */
export const APPEAL_TERMINAL_STATES = [
  'closed',
  'refused',
  'terminated',
  'duplicate',
] as const satisfies readonly AppealState[];
/** States counted as "open" (nearby search, supervision). */
export const APPEAL_OPEN_STATES = [
  'submitted',
  'accepted',
  'dispatched',
  'returned',
  'handling',
] as const satisfies readonly AppealState[];

/** Every action of the machine; `noAnswer` is the system rule, never offered to a person. */
export const APPEAL_ACTIONS = [
  'accept',
  'refuse',
  'dispatch',
  'sign',
  'return',
  'redispatch',
  'insist',
  'progress',
  'extend',
  'approveExtension',
  'resolve',
  'visit',
  'close',
  'terminate',
  'markDuplicate',
  'supervise',
] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];
export const APPEAL_ACTION_LABELS: Record<AppealAction | 'submit' | 'noAnswer' | 'follow', string> = {
  submit: '提交诉求',
  accept: '受理',
  refuse: '不予受理',
  dispatch: '派单',
  sign: '签收',
  return: '退单',
  redispatch: '改派',
  insist: '维持原派',
  progress: '办理进展',
  extend: '申请延期',
  approveExtension: '审核延期',
  resolve: '办结',
  visit: '回访',
  noAnswer: '回访无应答',
  close: '销号',
  terminate: '终止办理',
  markDuplicate: '重复诉求',
  supervise: '督办',
  follow: '关注',
};

export const APPEAL_URGENCIES = ['normal', 'urgent', 'critical'] as const;
export type AppealUrgency = (typeof APPEAL_URGENCIES)[number];
export const APPEAL_URGENCY_LABELS: Record<AppealUrgency, string> = {
  normal: '一般',
  urgent: '紧急',
  critical: '特急',
};

/** `app` is a worker filing in the app; the others are staff intake channels. */
export const APPEAL_CHANNELS = [
  'app',
  'hotline',
  'forum',
  'wish_box',
  'reception_day',
  'staff',
  'open311',
] as const;
export type AppealChannel = (typeof APPEAL_CHANNELS)[number];
export const APPEAL_STAFF_CHANNELS = [
  'hotline',
  'forum',
  'wish_box',
  'reception_day',
  'staff',
  'open311',
] as const satisfies readonly AppealChannel[];
export const APPEAL_CHANNEL_LABELS: Record<AppealChannel, string> = {
  app: '小程序/App',
  hotline: '12345热线',
  forum: '网络问政',
  wish_box: '心愿箱',
  reception_day: '接待日',
  staff: '工作人员代录',
  open311: '开放接口',
};

export const APPEAL_SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied', 'no_answer'] as const;
export type AppealSatisfaction = (typeof APPEAL_SATISFACTIONS)[number];
export const APPEAL_SATISFACTION_LABELS: Record<AppealSatisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
  no_answer: '无应答',
};
/** What a person can answer at a visit (`no_answer` is set by the rule). */
export const APPEAL_VISIT_ANSWERS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;

export const APPEAL_PRIVACY = ['public', 'private'] as const;
export type AppealPrivacy = (typeof APPEAL_PRIVACY)[number];
export const APPEAL_PRIVACY_LABELS: Record<AppealPrivacy, string> = { public: '公开', private: '不公开' };

export const APPEAL_QUEUES = [
  'pending_intake',
  'pending_dispatch',
  'pending_sign',
  'handling',
  'due_soon',
  'overdue',
  'pending_visit',
  'pending_close',
  'return_review',
  'mine',
  'closed',
  'all',
] as const;
export type AppealQueue = (typeof APPEAL_QUEUES)[number];
export const APPEAL_QUEUE_LABELS: Record<AppealQueue, string> = {
  pending_intake: '待受理',
  pending_dispatch: '待派单',
  pending_sign: '待签收',
  handling: '办理中',
  due_soon: '即将超期',
  overdue: '已超期',
  pending_visit: '待回访',
  pending_close: '待销号',
  return_review: '退单待审',
  mine: '我的诉求',
  closed: '已结束',
  all: '全部',
};

export const APPEAL_ASSIGNMENT_ROLES = ['lead', 'co'] as const;
export type AppealAssignmentRole = (typeof APPEAL_ASSIGNMENT_ROLES)[number];
export const APPEAL_EXTENSION_STATUSES = ['pending', 'approved', 'refused'] as const;
export type AppealExtensionStatus = (typeof APPEAL_EXTENSION_STATUSES)[number];
export const APPEAL_VISIT_CHANNELS = ['self', 'phone', 'rule'] as const;
export type AppealVisitChannel = (typeof APPEAL_VISIT_CHANNELS)[number];
