import type { ErrorCode } from '@nuanxin/shared';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './zh-CN';
import { errorsZh } from './zh-CN/errors';

/** The zh-CN table is typed Record<ErrorCode, string>, so its keys are exactly the known codes. */
export function isKnownErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorsZh, code) && code !== 'unknown';
}

export type Lang = 'zh-CN' | 'en';
export const LANG_KEY = 'nx.lang';

export function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/**
 * Error codes contain dots (`auth.otp_invalid`). i18next reads dots as nesting, so the flat error
 * tables are nested here: errors.auth.otp_invalid.
 */
export function nestKeys(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
      else {
        const created: Record<string, unknown> = {};
        node[part] = created;
        node = created;
      }
    }
    node[parts[parts.length - 1]!] = value;
  }
  return out;
}

function resources<T extends { errors: Record<string, string> }>(dict: T) {
  return { ...dict, errors: nestKeys(dict.errors) };
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: resources(zhCN) } },
  lng: storedLang(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/**
 * The English dictionaries are a chunk of their own, loaded when English is chosen (most users
 * never do, and the app's first render does not wait for them). Without the chunk (offline and
 * never loaded) the app stays in Chinese.
 */
function loadEnglish(): Promise<void> {
  return import('./en')
    .then(({ en }) => {
      if (!i18n.hasResourceBundle('en', 'translation'))
        i18n.addResourceBundle('en', 'translation', resources(en));
    })
    .catch(() => undefined);
}

let consoleLoad: Promise<void> | null = null;

/**
 * The console's Chinese dictionaries (zh-CN/console.ts) are a chunk of their own: the worker app
 * never loads them. The console's root route waits for this before it renders (app/router.tsx).
 * A failed load is tried again on the next call, and fails the route as its own chunk would.
 */
export function loadConsoleDictionaries(): Promise<void> {
  consoleLoad ??= import('./zh-CN/console').then(
    ({ consoleZh }) => {
      // Deep merge: `admin` has a few keys in the shared part already.
      i18n.addResourceBundle('zh-CN', 'translation', consoleZh, true, false);
    },
    (err: unknown) => {
      consoleLoad = null;
      throw err;
    },
  );
  return consoleLoad;
}

/** Resolves when the stored language's dictionaries are in (render after it: no flash of Chinese). */
export const i18nReady: Promise<void> = storedLang() === 'en' ? loadEnglish() : Promise.resolve();

export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
  void (lang === 'en' ? loadEnglish() : Promise.resolve()).then(() => i18n.changeLanguage(lang));
}

/**
 * The message to show for an error. Every server code has `errors.<code>`; a code this build does
 * not know (a newer server) falls back to `errors.unknown` plus the request id for support.
 */
export function errorText(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unknown';
  const requestId =
    typeof err === 'object' && err !== null && 'requestId' in err && typeof err.requestId === 'string'
      ? err.requestId
      : null;
  const key = `errors.${code}`;
  if ((isKnownErrorCode(code) || code === 'client.network') && i18n.exists(key)) {
    const text = i18n.t(key);
    // server faults carry the request id, so a support call can find the log line
    return code === 'common.internal' && requestId
      ? `${text}（${i18n.t('common.requestId')}: ${requestId}）`
      : text;
  }
  const base = i18n.t('errors.unknown');
  return requestId ? `${base}（${i18n.t('common.requestId')}: ${requestId}）` : base;
}

export default i18n;
