import { normalisePhone } from '@nuanxin/shared';
import { useEffect, useState } from 'react';
import { errorText } from '../i18n';
import { ApiError } from './api-error';

/**
 * Seconds left before an SMS code may be asked for again, counting down once a second; `start(s)`
 * (re)starts it. Used by every phone-code form (worker sign-in, residents' page).
 */
export function useCountdown(): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const h = setTimeout(() => setLeft((c) => c - 1), 1000);
    return () => clearTimeout(h);
  }, [left]);
  return [left, setLeft];
}

/** The wait an `auth.otp_too_soon` answer carries in `details.retryAfterSeconds` (60 s if absent). */
export function retryAfterOf(details: unknown): number {
  return typeof details === 'object' &&
    details !== null &&
    'retryAfterSeconds' in details &&
    typeof details.retryAfterSeconds === 'number'
    ? details.retryAfterSeconds
    : 60;
}

/**
 * The state and rules of a phone + SMS-code form (worker sign-in, residents' page): the phone is
 * normalised, `send` asks `request` for a code and starts the countdown (also after a 429
 * `auth.otp_too_soon`), `valid()` says what to submit or sets the error. Texts come from the form.
 */
export function usePhoneCodeForm(opts: {
  request: (
    phone: string,
    handlers: { onSuccess: (r: { retryAfterSeconds: number }) => void; onError: (e: unknown) => void },
  ) => void;
  texts: { invalidPhone: string; invalidCode: string };
  onSent: () => void;
}) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [countdown, setCountdown] = useCountdown();
  const [error, setError] = useState<string | null>(null);
  const normalised = normalisePhone(phone);
  const send = () => {
    setError(null);
    if (!normalised) return setError(opts.texts.invalidPhone);
    opts.request(normalised, {
      onSuccess: (r) => {
        setCountdown(r.retryAfterSeconds > 0 ? r.retryAfterSeconds : 60);
        opts.onSent();
      },
      onError: (err) => {
        setError(errorText(err));
        if (err instanceof ApiError && err.code === 'auth.otp_too_soon')
          setCountdown(retryAfterOf(err.details));
      },
    });
  };
  /** The phone and code to submit, or null with the error set. */
  const valid = (): { phone: string; code: string } | null => {
    setError(null);
    if (!normalised) {
      setError(opts.texts.invalidPhone);
      return null;
    }
    if (!/^\d{6}$/.test(code)) {
      setError(opts.texts.invalidCode);
      return null;
    }
    return { phone: normalised, code };
  };
  return {
    phone,
    setPhone,
    code,
    setCode: (v: string) => setCode(v.replace(/\D/g, '')),
    countdown,
    error,
    setError,
    send,
    valid,
  };
}
