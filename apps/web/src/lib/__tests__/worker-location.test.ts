import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The one worker-location store: asked once, shared, falls back on district centres, and a late
 * fix after our own timeout still lands. Each test loads a fresh copy of the module (its state is
 * per session).
 */

type Success = (p: { coords: { latitude: number; longitude: number; accuracy: number } }) => void;
type Failure = (e: { code: number; PERMISSION_DENIED: 1; TIMEOUT: 3 }) => void;

function fakePhone() {
  const calls: { ok: Success; fail: Failure }[] = [];
  vi.stubGlobal('navigator', {
    geolocation: { getCurrentPosition: (ok: Success, fail: Failure) => calls.push({ ok, fail }) },
  });
  return calls;
}

const load = async () => {
  vi.resetModules();
  return import('../worker-location');
};

describe('worker location', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks the phone once per session unless forced, and keeps the fix with its district', async () => {
    const calls = fakePhone();
    const m = await load();
    m.locate();
    m.locate();
    expect(calls).toHaveLength(1);
    calls[0]!.ok({ coords: { latitude: 29.41, longitude: 103.55, accuracy: 30 } });
    expect(m.recentPosition()).toEqual({ lat: 29.41, lng: 103.55 });
    m.locate();
    expect(calls).toHaveLength(1);
    m.locate(true);
    expect(calls).toHaveLength(2);
  });

  it('reports a refusal and keeps the chosen district centre', async () => {
    const calls = fakePhone();
    const m = await load();
    m.locate();
    calls[0]!.fail({ code: 1, PERMISSION_DENIED: 1, TIMEOUT: 3 });
    m.chooseDistrict('511111');
    expect(m.recentPosition()).toBeNull();
    expect(m.nearestDistrict(m.DISTRICT_CENTRES['511111'])).toBe('511111');
  });

  it('times out on its own clock, then still takes a late answer', async () => {
    const calls = fakePhone();
    const m = await load();
    m.locate();
    vi.advanceTimersByTime(m.LOCATE_TIMEOUT_MS + 1);
    expect(m.recentPosition()).toBeNull();
    calls[0]!.ok({ coords: { latitude: 29.55, longitude: 103.76, accuracy: 10 } });
    expect(m.recentPosition()).toEqual({ lat: 29.55, lng: 103.76 });
    expect(m.nearestDistrict({ lat: 29.55, lng: 103.76 })).toBe('511102');
  });

  it('says unavailable without geolocation and forgets fixes older than the limit', async () => {
    vi.stubGlobal('navigator', {});
    const m = await load();
    m.locate();
    expect(m.recentPosition()).toBeNull();
    const calls = fakePhone();
    m.locate(true);
    calls[0]!.ok({ coords: { latitude: 29.5, longitude: 103.7, accuracy: 5 } });
    vi.advanceTimersByTime(6 * 60_000);
    expect(m.recentPosition()).toBeNull();
  });
});
