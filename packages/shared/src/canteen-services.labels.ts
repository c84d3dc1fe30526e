/**
 * 政务代办 (CAN-03) and 节假日托幼 (CAN-04): enumerations and labels without zod, so app shells
 * import them cheaply (`@nuanxin/shared/canteen-services.labels`).
 */

// ---------------------------------------------------------------------------------------------
// 政务代办

/**
 * The matters a station takes in. The list lives here, with its labels, so the server validates
 * and both apps show the same choices; adding one is a one-line change plus its two labels.
 */
export const PROXY_MATTERS = [
  'social_security_card',
  'residence_permit',
  'medical_insurance',
  'housing_fund',
  'other',
] as const;
export type ProxyMatter = (typeof PROXY_MATTERS)[number];

export const PROXY_MATTER_LABELS: Record<'zh' | 'en', Record<ProxyMatter, string>> = {
  zh: {
    social_security_card: '社保卡办理',
    residence_permit: '居住证',
    medical_insurance: '医保',
    housing_fund: '公积金',
    other: '其他',
  },
  en: {
    social_security_card: 'Social security card',
    residence_permit: 'Residence permit',
    medical_insurance: 'Medical insurance',
    housing_fund: 'Housing fund',
    other: 'Other',
  },
};

export const PROXY_STATUSES = ['received', 'in_progress', 'done', 'returned', 'rejected'] as const;
export type ProxyStatus = (typeof PROXY_STATUSES)[number];

/** take: received → in_progress; complete: → done; return: done → returned; reject (reason). */
export const PROXY_ACTIONS = ['take', 'complete', 'return', 'reject'] as const;
export type ProxyAction = (typeof PROXY_ACTIONS)[number];
