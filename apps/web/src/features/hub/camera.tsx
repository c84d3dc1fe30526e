import type { HubCameraDto } from '@nuanxin/shared';
import { type CSSProperties, useEffect, useState } from 'react';

/** How often a camera's still picture is fetched again. */
export const SNAPSHOT_REFRESH_MS = 5000;

type CameraLike = Pick<HubCameraDto, 'id' | 'name' | 'area' | 'streamUrl' | 'snapshotSrc'>;

/**
 * A camera's picture: the snapshot (served through our server, so the CSP stays `'self'`),
 * re-fetched every few seconds while the page is visible, or the stream link when there is no
 * snapshot. `tvKey` authorises a room TV, which has no sign-in.
 */
export function CameraPicture({
  camera,
  tvKey,
  alt,
  failedText,
  streamText,
  style,
}: {
  camera: CameraLike;
  tvKey?: string;
  alt: string;
  failedText: string;
  streamText: string;
  style?: CSSProperties;
}) {
  const [tick, setTick] = useState(() => Date.now());
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') setTick(Date.now());
    }, SNAPSHOT_REFRESH_MS);
    return () => clearInterval(id);
  }, []);
  const src = camera.snapshotSrc
    ? `${camera.snapshotSrc}?${new URLSearchParams({ ...(tvKey ? { k: tvKey } : {}), t: String(tick) })}`
    : null;
  return (
    <figure style={{ margin: 0, ...style }} data-testid="camera-picture">
      {src ? (
        <img
          src={src}
          alt={alt}
          onLoad={() => setFailed(false)}
          onError={() => setFailed(true)}
          style={{
            width: '100%',
            aspectRatio: '16 / 9',
            objectFit: 'cover',
            background: '#1f2d3d',
            borderRadius: 8,
            display: 'block',
          }}
        />
      ) : null}
      {failed ? (
        <figcaption role="status" style={{ color: '#cf1322', padding: '6px 0' }}>
          {failedText}
        </figcaption>
      ) : null}
      {camera.streamUrl ? (
        <a
          href={camera.streamUrl}
          target="_blank"
          rel="noopener noreferrer"
          style={{ display: 'inline-block', padding: '10px 0', fontSize: 16 }}
        >
          {streamText} ›
        </a>
      ) : null}
    </figure>
  );
}
