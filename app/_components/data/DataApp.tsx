'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import type { VillageSummary } from '@/db/queries/villages';
import type { BaseLayer } from '@/lib/domain/base-fields';
import type { MessageKey } from '@/lib/i18n';
import type { BasemapConfig } from '@/lib/map/basemap';
import { useT } from '../i18n-context';
import { ImportHistory } from './ImportHistory';
import { ImportWizard } from './ImportWizard';
import { callApi, type ImportBatch } from './import-api';

export interface DataAppProps {
  /** Each base layer with the number of its current features the user sees. */
  layers: { layer: BaseLayer; count: number }[];
  villages: VillageSummary[];
  basemap: BasemapConfig;
}

const FORMATS = ['shp', 'gpkg', 'geojson', 'kml', 'csv', 'xlsx'] as const;
type ExportFormat = (typeof FORMATS)[number];

/** The export URL of one layer; the Shapefile's text encoding matters only to it (GBK for older desktop GIS). */
function exportUrl(layer: BaseLayer, format: ExportFormat, encoding: string, village: string): string {
  const query = new URLSearchParams({ format });
  if (format === 'shp') query.set('encoding', encoding);
  if (village) query.set('village', village);
  return `/api/v1/layers/${layer}/export?${query}`;
}

/** 数据管理: the base layers with their counts and downloads, importing the town's own files, and the import history. */
export function DataApp({ layers, villages, basemap }: DataAppProps) {
  const t = useT();
  const router = useRouter();
  const [format, setFormat] = useState<ExportFormat>('shp');
  const [encoding, setEncoding] = useState('utf-8');
  const [village, setVillage] = useState('');
  const [batches, setBatches] = useState<ImportBatch[]>([]);
  const loadHistory = useCallback(async () => {
    const answer = await callApi<{ batches: ImportBatch[] }>('/api/v1/imports');
    if (answer.ok) setBatches(answer.body.batches);
  }, []);
  useEffect(() => void loadHistory(), [loadHistory]);
  // The counts come from the server page: a refresh reads them again after a commit or rollback.
  const refresh = () => {
    router.refresh();
    void loadHistory();
  };

  return (
    <div className="data-shell" data-testid="data">
      <main className="data-main">
        <ImportWizard villages={villages} basemap={basemap} onApplied={refresh} />
        <section className="data-card" data-testid="layers-card">
          <h2>{t('data.exportTitle')}</h2>
          <p className="data-hint">{t('data.exportHint')}</p>
          <div className="data-form">
            <label>
              {t('data.format')}
              <select value={format} onChange={(event) => setFormat(event.target.value as ExportFormat)} data-testid="export-format">
                {FORMATS.map((value) => (
                  <option key={value} value={value}>
                    {t(`data.format.${value}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            {format === 'shp' && (
              <label>
                {t('data.encoding')}
                <select value={encoding} onChange={(event) => setEncoding(event.target.value)} data-testid="export-encoding">
                  <option value="utf-8">UTF-8</option>
                  <option value="gbk">{t('data.encoding.gbk')}</option>
                </select>
              </label>
            )}
            {villages.length > 1 && (
              <label>
                {t('data.village')}
                <select value={village} onChange={(event) => setVillage(event.target.value)} data-testid="export-village">
                  <option value="">{t('data.allVillages')}</option>
                  {villages.map(({ code, name }) => (
                    <option key={code} value={code}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <table className="data-table" data-testid="layer-table">
            <thead>
              <tr>
                <th>{t('data.layer')}</th>
                <th>{t('data.count')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {layers.map(({ layer, count }) => (
                <tr key={layer} data-layer={layer}>
                  <th>{t(`layer.${layer}` as MessageKey)}</th>
                  <td data-testid={`count-${layer}`}>{count.toLocaleString()}</td>
                  <td>
                    <a
                      className="data-download"
                      href={exportUrl(layer, format, encoding, village)}
                      download
                      data-testid={`export-${layer}`}
                    >
                      {t('data.download')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <ImportHistory batches={batches} onChanged={refresh} />
      </main>
    </div>
  );
}
