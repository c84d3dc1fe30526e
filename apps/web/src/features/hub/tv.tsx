import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useRoomTv } from './api';
import { CameraPicture } from './camera';

/**
 * Room TV page /tv/rooms/:roomId?k=<tv_key> (HUB-03): no sign-in, big type for a TV across the
 * room. The current guest's bay camera with the masked plate, or all the station's cameras when
 * the room is empty tonight. A wrong key shows a clear "not valid" page.
 */
export function RoomTvPage() {
  const { t } = useTranslation();
  const { roomId = '' } = useParams();
  const [params] = useSearchParams();
  const key = params.get('k') ?? '';
  const q = useRoomTv(roomId, key);

  useEffect(() => {
    const prev = document.body.style.background;
    document.body.style.background = '#0b1520';
    return () => {
      document.body.style.background = prev;
    };
  }, []);

  const page = { minHeight: '100vh', background: '#0b1520', color: '#f0f3f6', padding: '3vh 3vw' } as const;

  if (q.error || (!q.isLoading && !q.data) || !key)
    return (
      <main
        style={{ ...page, display: 'grid', placeItems: 'center', textAlign: 'center' }}
        data-testid="tv-invalid"
      >
        <div>
          <div style={{ fontSize: 'min(12vw, 120px)', fontWeight: 800, color: '#ff7875' }}>404</div>
          <h1 style={{ fontSize: 'min(6vw, 56px)', margin: '2vh 0' }}>{t('hub.tv.invalid')}</h1>
          <p style={{ fontSize: 'min(3.5vw, 32px)', color: '#b0bec5' }}>{t('hub.tv.invalidHint')}</p>
        </div>
      </main>
    );
  if (!q.data)
    return (
      <main style={{ ...page, display: 'grid', placeItems: 'center', fontSize: 40 }} aria-busy="true">
        {t('hub.tv.loading')}
      </main>
    );
  const tv = q.data;
  const single = tv.cameras.length === 1;
  // Two guests of the room may watch two cameras; one camera fills the screen.
  return (
    <main style={page} data-testid="tv-page">
      <header
        style={{ display: 'flex', alignItems: 'baseline', gap: '2vw', flexWrap: 'wrap', marginBottom: '2vh' }}
      >
        <h1 style={{ fontSize: 'min(5vw, 56px)', margin: 0, flex: 1 }}>
          {t('hub.tv.title', { station: tv.stationName, room: tv.roomCode })}
        </h1>
        <span style={{ fontSize: 'min(2.5vw, 26px)', color: '#90a4ae' }}>{t('hub.tv.refresh')}</span>
      </header>
      {tv.guests.some((g) => g.bayCode) ? (
        <h2 style={{ fontSize: 'min(3.5vw, 40px)', margin: '0 0 1vh', color: '#b0bec5' }}>
          {t('hub.tv.yourTrucks')}
        </h2>
      ) : null}
      {tv.guests.some((g) => g.bayCode) ? (
        tv.guests
          .filter((g) => g.bayCode)
          .map((g) => (
            <div
              key={g.bayCode}
              style={{ fontSize: 'min(5vw, 52px)', fontWeight: 700, marginBottom: '2vh', color: '#95de64' }}
            >
              {t('hub.tv.guestBay', { bay: g.bayCode })}
              {g.plate ? (
                <span style={{ marginLeft: '2vw', color: '#f0f3f6' }}>
                  {t('hub.tv.plate', { plate: g.plate })}
                </span>
              ) : null}
            </div>
          ))
      ) : (
        <h2 style={{ fontSize: 'min(4vw, 44px)', margin: '0 0 2vh' }}>{t('hub.tv.stationCams')}</h2>
      )}
      {tv.cameras.length === 0 ? (
        <p style={{ fontSize: 40 }}>{t('hub.tv.noCams')}</p>
      ) : (
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: single ? '1fr' : 'repeat(auto-fit, minmax(40vw, 1fr))',
            gap: '2vw',
            maxWidth: single ? '120vh' : undefined,
          }}
        >
          {tv.cameras.map((c) => (
            <section key={c.id}>
              <div style={{ fontSize: 'min(3vw, 32px)', marginBottom: 8 }}>
                {c.name}
                {c.area ? <span style={{ color: '#90a4ae' }}> · {c.area}</span> : null}
              </div>
              <CameraPicture
                camera={c}
                tvKey={key}
                alt={c.name}
                failedText={t('hub.m.cameraFailed')}
                streamText={t('hub.m.stream')}
              />
            </section>
          ))}
        </div>
      )}
    </main>
  );
}
