'use client';

import { useEffect, useState } from 'react';
import type { PlateKind, PlateRecord } from '@/db/queries/plates';
import { callApi } from '../hazards/api';
import { useT } from '../i18n-context';
import { PlateRecordView } from '../PlateRecordView';

/** The plate records of the user's villages: from the network, or without a signal from the offline package. */
export const PLATE_RECORDS_URL = '/api/v1/plates/records';

/** A scanned plate's record as a sheet over the hazards map, read from the kept plate records (works offline). */
export function PlateSheet({
  plate,
  canReport,
  onClose,
}: {
  plate: { kind: PlateKind; code: string };
  canReport: boolean;
  onClose(): void;
}) {
  const t = useT();
  const [record, setRecord] = useState<PlateRecord | null | undefined>(undefined);
  useEffect(() => {
    let gone = false;
    void callApi<{ records: PlateRecord[] }>(PLATE_RECORDS_URL).then((answer) => {
      if (gone) return;
      setRecord(answer.body?.records?.find((candidate) => candidate.kind === plate.kind && candidate.code === plate.code) ?? null);
    });
    return () => {
      gone = true;
    };
  }, [plate]);
  return (
    <aside className="hz-side plate-sheet" data-testid="plate-sheet" data-code={plate.code}>
      <header className="hz-side-head">
        <div className="detail-layer">{t('plate.scanned')}</div>
        <button type="button" className="close" onClick={onClose} aria-label={t('hz.close')} data-testid="plate-sheet-close">
          ×
        </button>
      </header>
      <div className="hz-side-body">
        {record === undefined && <div className="hz-hint">{t('hz.loading')}</div>}
        {record === null && (
          <div className="hz-error" role="alert" data-testid="plate-unknown">
            {t('plate.notHere').replace('{code}', plate.code)}
          </div>
        )}
        {record && <PlateRecordView record={record} canReport={canReport} />}
      </div>
    </aside>
  );
}
