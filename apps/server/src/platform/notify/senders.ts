import type { Db } from '../db/client.ts';
import type { PiiCipher } from '../pii/crypto.ts';
import { maskPhone } from '../pii/mask.ts';
import { messageOutbox } from './notify.tables.ts';

/** SMS templates the platform sends; the body is rendered in Chinese, the language riders read. */
export const SMS_TEMPLATES = {
  otp: (p: Record<string, string>) => `【暖心】您的登录验证码是${p.code}，5分钟内有效。如非本人操作请忽略。`,
  resident_otp: (p: Record<string, string>) =>
    `【暖心】您正在使用居家送餐自助服务，验证码是${p.code}，5分钟内有效。如非本人操作请忽略。`,
  duty_assigned: (p: Record<string, string>) =>
    `【暖心】值班提醒：诉求${p.caseNo}已转您处理，请在${p.minutes}分钟内登录确认接收。`,
} as const;
export type SmsTemplate = keyof typeof SMS_TEMPLATES;

/**
 * A channel to phones. Production plugs in a gateway; the built-in development sender writes the
 * message to `message_outbox` (inside the caller's transaction) and to the server log.
 */
export interface SmsSender {
  send(tx: Db, phone: string, template: SmsTemplate, params: Record<string, string>): Promise<void>;
}

export function createDevSmsSender(
  pii: PiiCipher,
  log: { info: (obj: object, msg: string) => void },
): SmsSender {
  return {
    async send(tx, phone, template, params) {
      const body = SMS_TEMPLATES[template](params);
      await tx.insert(messageOutbox).values({
        channel: 'sms',
        recipientIndex: pii.blindIndex(phone),
        recipientMasked: maskPhone(phone),
        template,
        params,
        body,
        status: 'dev',
      });
      // Development only: the code is printed so a developer can sign in without a phone.
      log.info({ to: maskPhone(phone), template, body }, 'SMS (development sender)');
    },
  };
}

/**
 * The SMS sender the server uses. Until a gateway is configured that is the development sender;
 * its log line holds the message, and a code is a credential, so outside development the body
 * is left out of the log (the message row still holds it for the operator's CLI).
 */
export function platformSmsSender(deps: {
  pii: PiiCipher;
  config: { env: string };
  log: { info: (obj: object, msg: string) => void };
}): SmsSender {
  const log =
    deps.config.env === 'development'
      ? deps.log
      : { info: (obj: object, msg: string) => deps.log.info({ ...obj, body: '[redacted]' }, msg) };
  return createDevSmsSender(deps.pii, log);
}

/** WeChat template messages (公众号模板消息): one short notice pointing back into the app. */
export const WECHAT_TEMPLATES = {
  notice: (p: Record<string, string>) => `${p.title ?? ''}${p.body ? `：${p.body}` : ''}`,
} as const;
export type WechatTemplate = keyof typeof WECHAT_TEMPLATES;

/**
 * A channel to WeChat accounts, addressed by the user's openid. Production plugs in the official
 * account API; the development sender records the message like the SMS one does.
 */
export interface WechatSender {
  send(
    tx: Db,
    openId: string,
    template: WechatTemplate,
    params: Record<string, string>,
    link?: string,
  ): Promise<void>;
}

/** Masks an openid for display: enough to tell two apart, not enough to address one. */
export function maskOpenId(openId: string): string {
  if (openId.length <= 8) return '*'.repeat(openId.length);
  return `${openId.slice(0, 4)}****${openId.slice(-4)}`;
}

export function createDevWechatSender(
  pii: PiiCipher,
  log: { info: (obj: object, msg: string) => void },
): WechatSender {
  return {
    async send(tx, openId, template, params, link) {
      const body = WECHAT_TEMPLATES[template](params);
      const withLink = link ? { ...params, link } : params;
      await tx.insert(messageOutbox).values({
        channel: 'wechat',
        recipientIndex: pii.blindIndex(openId),
        recipientMasked: maskOpenId(openId),
        template,
        params: withLink,
        body,
        status: 'dev',
      });
      log.info({ to: maskOpenId(openId), template, body }, 'WeChat template message (development sender)');
    },
  };
}
