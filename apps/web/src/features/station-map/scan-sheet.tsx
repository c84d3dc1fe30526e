import { Button, Popup } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { checkinPath, parseCheckinUrl } from './model';

/** The Shape Detection API's BarcodeDetector (Chrome on Android); not in TypeScript's DOM library. */
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorCtor {
  new (opts: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
}

function detectorCtor(): BarcodeDetectorCtor | null {
  const w = window as unknown as { BarcodeDetector?: BarcodeDetectorCtor };
  return w.BarcodeDetector ?? null;
}

/** Whether this browser can scan in the page: BarcodeDetector with QR codes and a camera API. */
export async function canScanInApp(): Promise<boolean> {
  const Ctor = detectorCtor();
  if (!Ctor || !window.isSecureContext || !navigator.mediaDevices?.getUserMedia) return false;
  try {
    const formats = (await Ctor.getSupportedFormats?.()) ?? ['qr_code'];
    return formats.includes('qr_code');
  } catch {
    return false;
  }
}

const SCAN_EVERY_MS = 250;

type ScanState = 'checking' | 'starting' | 'scanning' | 'manual' | 'camera-failed';

function ManualSteps() {
  const { t } = useTranslation();
  return (
    <div>
      <h3 style={{ margin: '4px 0 4px', fontSize: 17 }}>{t('stationMap.scanner.manualTitle')}</h3>
      <p style={{ margin: 0, color: '#6b4a3a', fontSize: 14 }}>{t('stationMap.scanner.manualIntro')}</p>
      <ol className="nx-st-steps">
        <li>{t('stationMap.scanner.step1')}</li>
        <li>{t('stationMap.scanner.step2')}</li>
        <li>{t('stationMap.scanner.step3')}</li>
      </ol>
    </div>
  );
}

function Scanner({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<ScanState>('checking');
  const [wrongCode, setWrongCode] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const stop = () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
    (async () => {
      if (!(await canScanInApp())) {
        if (!stopped) setState('manual');
        return;
      }
      const Ctor = detectorCtor()!;
      if (stopped) return;
      setState('starting');
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' } },
          audio: false,
        });
      } catch {
        if (!stopped) setState('camera-failed');
        return;
      }
      if (stopped || !video.current) {
        stop();
        return;
      }
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      setState('scanning');
      const detector = new Ctor({ formats: ['qr_code'] });
      const tick = async () => {
        if (stopped || !video.current) return;
        try {
          const codes = await detector.detect(video.current);
          for (const c of codes) {
            const hit = parseCheckinUrl(c.rawValue);
            if (hit) {
              stop();
              onClose();
              navigate(checkinPath(hit));
              return;
            }
            setWrongCode(true);
          }
        } catch {
          // a frame that could not be read: try the next one
        }
        timer = setTimeout(tick, SCAN_EVERY_MS);
      };
      void tick();
    })();
    return stop;
  }, [navigate, onClose]);

  if (state === 'manual') return <ManualSteps />;
  return (
    <div>
      {state === 'camera-failed' ? (
        <>
          <p role="alert" style={{ color: '#cf1322', fontSize: 14, marginTop: 0 }}>
            {t('stationMap.scanner.cameraFailed')}
          </p>
          <ManualSteps />
        </>
      ) : (
        <>
          <div className="nx-st-scanner-video">
            <video ref={video} muted playsInline aria-label={t('stationMap.scanner.video')} />
            <div className="nx-st-scanner-frame" aria-hidden="true" />
          </div>
          <p
            role="status"
            style={{ textAlign: 'center', fontSize: 14, color: wrongCode ? '#d46b08' : '#6b4a3a' }}
          >
            {state === 'scanning'
              ? wrongCode
                ? t('stationMap.scanner.notCheckin')
                : t('stationMap.scanner.aim')
              : t('stationMap.scanner.starting')}
          </p>
        </>
      )}
    </div>
  );
}

/** 扫码签到: scan the poster's QR in the page where the browser can, or explain the phone camera way. */
export function ScanSheet({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Popup
      visible={visible}
      onMaskClick={onClose}
      onClose={onClose}
      destroyOnClose
      bodyStyle={{
        borderTopLeftRadius: 16,
        borderTopRightRadius: 16,
        padding: '16px 16px 20px',
        boxSizing: 'border-box',
        maxHeight: '90dvh',
        overflowY: 'auto',
      }}
    >
      <div role="dialog" aria-modal="true" aria-labelledby="st-scan-title">
        <h2 id="st-scan-title" style={{ margin: '0 0 12px', fontSize: 18, textAlign: 'center' }}>
          {t('stationMap.scanner.title')}
        </h2>
        {visible ? <Scanner onClose={onClose} /> : null}
        <Button block size="large" shape="rounded" onClick={onClose} style={{ marginTop: 16 }}>
          {t('stationMap.scanner.close')}
        </Button>
      </div>
    </Popup>
  );
}
