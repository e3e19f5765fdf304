'use client';

import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import type { PlateKind } from '@/db/queries/plates';
import { plateOf } from '@/lib/plates/plate-url';
import { useT } from '../i18n-context';
import { Modal } from '../Modal';

/** How often a camera frame is looked at: often enough to feel instant, rarely enough to spare a phone's battery. */
const SCAN_EVERY_MS = 200;

/**
 * 扫门牌码: the back camera, each frame read for a QR code (jsQR: Safari has no BarcodeDetector). A plate of this
 * app opens its record; any other code is named and ignored, never followed.
 */
export function PlateScanner({ onPlate, onClose }: { onPlate(plate: { kind: PlateKind; code: string }): void; onClose(): void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [stranger, setStranger] = useState<string | null>(null);
  const found = useRef(onPlate);
  found.current = onPlate;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    let gone = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const look = () => {
      const element = video.current;
      if (!element || !context || element.readyState < 2 || element.videoWidth === 0) return;
      canvas.width = element.videoWidth;
      canvas.height = element.videoHeight;
      context.drawImage(element, 0, 0);
      const code = jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
      if (!code?.data) return;
      const plate = plateOf(code.data, window.location.origin);
      if (plate) found.current(plate);
      else setStranger(code.data.slice(0, 80));
    };
    if (!navigator.mediaDevices?.getUserMedia) {
      setProblem(t('scan.noCamera'));
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (opened) => {
        if (gone) {
          for (const track of opened.getTracks()) track.stop();
          return;
        }
        stream = opened;
        if (video.current) {
          video.current.srcObject = opened;
          await video.current.play().catch(() => {});
        }
        timer = setInterval(look, SCAN_EVERY_MS);
      })
      .catch(() => setProblem(t('scan.denied')));
    return () => {
      gone = true;
      if (timer) clearInterval(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [t]);

  return (
    <Modal title={t('scan.title')} testId="plate-scanner" className="scan-panel" onClose={onClose}>
      <p className="hz-hint">{t('scan.hint')}</p>
      {problem ? (
        <div className="hz-error" role="alert" data-testid="scan-problem">
          {problem}
        </div>
      ) : (
        <video ref={video} className="scan-video" muted playsInline data-testid="scan-video" />
      )}
      {stranger && (
        <div className="fo-warning" role="status" data-testid="scan-stranger">
          {t('scan.notAPlate')} {stranger}
        </div>
      )}
    </Modal>
  );
}
