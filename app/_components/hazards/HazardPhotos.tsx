'use client';

import { useRef, useState } from 'react';
import { PHOTO_KINDS } from '@/lib/domain/enums';
import { enumLabel } from '@/lib/i18n';
import { useLocale, useT } from '../i18n-context';
import type { PhotoMeta } from './types';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,image/webp';

export interface HazardPhotosProps {
  hazardId: number;
  photos: PhotoMeta[];
  canUpload: boolean;
  /** Sends the photo (through the outbox); true when it was taken (acknowledged or waiting for a signal). */
  onUpload(file: File, kind: (typeof PHOTO_KINDS)[number]): Promise<boolean>;
}

/** Before/after photos as thumbnails (full size in a new tab), and the upload (JPEG/PNG/WebP ≤ 10 MB). */
export function HazardPhotos({ hazardId, photos, canUpload, onUpload }: HazardPhotosProps) {
  const t = useT();
  const locale = useLocale();
  const [kind, setKind] = useState<(typeof PHOTO_KINDS)[number]>('after');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const upload = async (file: File) => {
    setError(null);
    // The server judges the bytes; this only spares a 10 MB upload that would be refused anyway.
    if (file.size > MAX_BYTES) {
      setError(t('hz.photoTooLarge'));
      return;
    }
    setBusy(true);
    try {
      await onUpload(file, kind);
    } catch (failure) {
      setError(`${t('hz.photoFailed')}: ${String(failure)}`);
    }
    setBusy(false);
    if (input.current) input.current.value = '';
  };

  return (
    <section className="hz-photos" data-testid="hazard-photos">
      <h4>
        {t('hz.photos')} <span className="hz-count">{photos.length}</span>
      </h4>
      {photos.length === 0 && <div className="hz-hint">{t('hz.noPhotos')}</div>}
      {PHOTO_KINDS.filter((k) => photos.some((photo) => photo.kind === k)).map((k) => (
        <div key={k} className="hz-photo-group">
          <div className="hz-photo-kind">{enumLabel(locale, 'photo_kind', k)}</div>
          <div className="hz-thumbs">
            {photos
              .filter((photo) => photo.kind === k)
              .map((photo) => (
                <a
                  key={photo.id}
                  href={`/api/v1/hazards/${hazardId}/photos/${photo.id}`}
                  target="_blank"
                  rel="noreferrer"
                  className="hz-thumb"
                  data-testid={`photo-${photo.kind}`}
                  title={`${photo.uploaded_by} · ${photo.uploaded_at.slice(0, 16).replace('T', ' ')}`}
                >
                  {/* eslint-disable-next-line @next/next/no-img-element -- the API serves the thumbnail */}
                  <img
                    src={`/api/v1/hazards/${hazardId}/photos/${photo.id}?size=thumbnail`}
                    alt={enumLabel(locale, 'photo_kind', photo.kind)}
                  />
                </a>
              ))}
          </div>
        </div>
      ))}
      {canUpload && (
        <div className="hz-upload">
          <select
            value={kind}
            onChange={(e) => setKind(e.target.value as typeof kind)}
            data-testid="photo-kind"
            aria-label={t('hz.photoKind')}
          >
            {PHOTO_KINDS.map((k) => (
              <option key={k} value={k}>
                {enumLabel(locale, 'photo_kind', k)}
              </option>
            ))}
          </select>
          <label className={`secondary hz-file${busy ? ' busy' : ''}`}>
            {busy ? t('hz.uploading') : t('hz.upload')}
            <input
              ref={input}
              type="file"
              accept={ACCEPT}
              disabled={busy}
              data-testid="photo-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void upload(file);
              }}
            />
          </label>
          <span className="hz-hint">{t('hz.photoRules')}</span>
        </div>
      )}
      {error && (
        <div className="hz-error" role="alert" data-testid="photo-error">
          {error}
        </div>
      )}
    </section>
  );
}
