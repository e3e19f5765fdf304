'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import type { VillageSummary } from '@/db/queries/villages';
import type { NavigationItem } from '@/lib/auth/navigation';
import { unionBbox } from '@/lib/geo';
import { type Locale, translator } from '@/lib/i18n';
import type { BasemapConfig } from '@/lib/map/basemap';
import type { MapController } from '@/lib/map/map-controller';
import { tourStops } from '@/lib/screen/types';
import { chinaClock } from '@/lib/time';
import { otherLocale, saveLocale } from '../session-actions';
import { CategoryPanel, ClosureTrendPanel, HazardKpiPanel, VillageRankingPanel } from './HazardPanels';
import { IncidentPanel } from './IncidentPanel';
import { CoveragePanel, PassagePanel, PeoplePanel } from './ProgressPanels';
import { ScreenMap } from './ScreenMap';
import { ScreenMenu } from './ScreenMenu';
import { useScreenScale } from './use-screen-scale';
import { useScreenStats } from './use-screen-stats';
import { useTour } from './use-tour';

export interface ScreenAppProps {
  locale: Locale;
  villages: VillageSummary[];
  basemap: BasemapConfig;
  demoData: boolean;
  tourSeconds: number;
  fixedVillage: string | null;
  refreshSeconds: number;
  /** The pages the role may open, as the app's top bar lists them. */
  navigation: NavigationItem[];
  userName: string;
}

/** 大屏: KPI panels around the map, touring the villages one by one. */
export function ScreenApp({
  locale: initialLocale,
  villages,
  basemap,
  demoData,
  tourSeconds,
  fixedVillage,
  refreshSeconds,
  navigation,
  userName,
}: ScreenAppProps) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const t = translator(locale);
  const switchLocale = () => {
    const next = otherLocale(locale);
    saveLocale(next);
    setLocale(next);
  };
  const vw = useScreenScale();
  const stops = useMemo(
    () =>
      tourStops(
        villages.map((v) => v.code),
        fixedVillage,
      ),
    [villages, fixedVillage],
  );
  const tour = useTour(stops, tourSeconds);
  const { stats, failed } = useScreenStats(tour.current, refreshSeconds);
  const controller = useRef<MapController | null>(null);
  const townBounds = useMemo(() => unionBbox(villages.map((v) => v.bbox)), [villages]);
  const village = villages.find((v) => v.code === tour.current) ?? null;
  const [now, setNow] = useState<Date | null>(null);

  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);

  // Fly to the stop: the village's extent with only its features, or the whole town.
  useEffect(() => {
    controller.current?.setVillages(village ? [village.code] : [], village ? village.bbox : townBounds);
  }, [village, townBounds]);

  const scopeName = village ? village.name : t('screen.town');
  // The last figures stay up while the next stop's load (data-stats-village tells which are shown).
  const panelProps = { stats, t, vw };

  return (
    <div
      className="screen"
      data-testid="screen"
      data-village={tour.current}
      data-stop={tour.index}
      data-stats-village={stats ? (stats.villages[0] ?? '') : 'none'}
    >
      <header className="screen-header">
        <div className="screen-brand">
          <span className="screen-mark" aria-hidden>
            消
          </span>
          <h1 data-testid="screen-title">{t('screen.title')}</h1>
        </div>
        <div className="screen-scope">
          <span className="scope-name" data-testid="screen-scope">
            {scopeName}
          </span>
          <span className="tour-status" data-testid="tour-status" data-paused={tour.paused ? 'true' : 'false'}>
            {!tour.touring ? (
              t('screen.fixed')
            ) : tour.paused ? (
              <button type="button" className="resume" onClick={tour.resume} data-testid="tour-resume">
                {t('screen.paused')} · {t('screen.resume')}
              </button>
            ) : (
              `${t('screen.tour')} ${tourSeconds}${t('screen.tourEvery')} · ${tour.index + 1}/${stops.length}`
            )}
          </span>
        </div>
        <div className="screen-meta">
          {demoData && (
            <span className="screen-demo" data-testid="demo-badge">
              {t('app.demoData')}
            </span>
          )}
          <span data-testid="screen-updated">
            {t('screen.updated')} {stats ? chinaClock(new Date(stats.generated_at)) : '—'}
          </span>
          <span className="screen-clock" data-testid="screen-clock" suppressHydrationWarning>
            {now ? chinaClock(now) : ''}
          </span>
        </div>
      </header>
      <aside className="screen-column">
        <HazardKpiPanel {...panelProps} />
        <ClosureTrendPanel {...panelProps} />
        <VillageRankingPanel {...panelProps} current={tour.current} />
      </aside>
      <main className="screen-centre">
        <div className="screen-map">
          <ScreenMap
            basemap={basemap}
            attribution={t('map.offlineAttribution')}
            bounds={townBounds}
            onReady={(c) => {
              controller.current = c;
              if (village) c.setVillages([village.code], village.bbox);
            }}
          />
          <div className="map-legend">
            <span className="dot dot-major" /> {t('enum.severity.major')}
            <span className="dot dot-general" /> {t('enum.severity.general')}
            <span className="line line-blocked" /> {t('legend.passage.blocked')}
            <span className="box box-gap" /> {t('screen.map.gaps')}
          </div>
          {failed && <div className="screen-error">{t('screen.error')}</div>}
          {!stats && !failed && <div className="screen-loading">{t('screen.loading')}</div>}
        </div>
        <IncidentPanel {...panelProps} />
      </main>
      <aside className="screen-column">
        <CategoryPanel {...panelProps} locale={locale} />
        <PassagePanel {...panelProps} />
        <CoveragePanel {...panelProps} />
        <PeoplePanel {...panelProps} />
      </aside>
      <ScreenMenu navigation={navigation} userName={userName} t={t} onSwitchLocale={switchLocale} />
    </div>
  );
}
