import { useEffect, useState } from 'react';

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
