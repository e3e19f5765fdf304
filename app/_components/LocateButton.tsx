'use client';

import { useState } from 'react';
import type { DevicePosition } from '@/lib/map/plugins/locate.plugin';
import { useLocale, useT } from './i18n-context';

type LocateState = { state: 'idle' | 'locating' | 'failed' } | { state: 'located'; accuracyM: number };

/** "Where am I": asks the device for its position once and hands it to the map's locate plugin. */
export function LocateButton({ onLocated }: { onLocated(position: DevicePosition): void }) {
  const t = useT();
  const locale = useLocale();
  const [status, setStatus] = useState<LocateState>({ state: 'idle' });

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setStatus({ state: 'failed' });
      return;
    }
    setStatus({ state: 'locating' });
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        onLocated({ lonLat: [coords.longitude, coords.latitude], accuracyM: coords.accuracy });
        setStatus({ state: 'located', accuracyM: coords.accuracy });
      },
      () => setStatus({ state: 'failed' }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  };

  const note =
    status.state === 'located'
      ? `${t('map.accuracy')} ${Math.round(status.accuracyM).toLocaleString(locale)} ${t('unit.m')}`
      : status.state === 'failed'
        ? t('map.locateFailed')
        : status.state === 'locating'
          ? t('map.locating')
          : null;
  return (
    <div className="locate">
      <button
        type="button"
        className="locate-button"
        onClick={locate}
        aria-label={t('map.locate')}
        title={t('map.locate')}
        data-testid="locate-me"
        data-state={status.state}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <circle cx="12" cy="12" r="4" fill="currentColor" />
          <circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M12 1v4M12 19v4M1 12h4M19 12h4" stroke="currentColor" strokeWidth="2" />
        </svg>
      </button>
      {note && (
        <span className={`locate-note${status.state === 'failed' ? ' failed' : ''}`} role="status" data-testid="locate-note">
          {note}
        </span>
      )}
    </div>
  );
}
