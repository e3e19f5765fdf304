'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import type { CurrentFeature } from '@/db/queries/feature-edits';
import type { VillageSummary } from '@/db/queries/villages';
import { BASE_LAYER_SPECS, BASE_LAYERS, type BaseLayer, isBaseLayer } from '@/lib/domain/base-fields';
import { unionBbox } from '@/lib/geo';
import type { MessageKey } from '@/lib/i18n';
import { changedProperties, type FormValues, formText } from '@/lib/layers/feature-form';
import type { BasemapConfig } from '@/lib/map/basemap';
import type { LayerName } from '@/lib/map/layer-names';
import type { MapController, PickedFeature } from '@/lib/map/map-controller';
import { DrawPlugin } from '@/lib/map/plugins/draw.plugin';
import { PointPickPlugin } from '@/lib/map/plugins/point-pick.plugin';
import { useLocale, useT } from '../i18n-context';
import { MapView } from '../MapView';
import { FeatureForm } from './FeatureForm';

export interface FeatureEditorAppProps {
  villages: VillageSummary[];
  basemap: BasemapConfig;
  /** Office and admin: add, move, reshape and delete; the others edit field-check attributes only. */
  canEditGeometry: boolean;
}

const VISIBLE = new Set<LayerName>(BASE_LAYERS);
const STYLE = { buildingColorMode: 'fire_grade' as const };

/** The feature being edited: stored (with its version) or new (not yet saved). */
type Editing =
  | { kind: 'stored'; layer: BaseLayer; id: string; feature: CurrentFeature; editable: { fields: string[]; geometry: boolean } }
  | { kind: 'new'; layer: BaseLayer; geometry: GeoJSON.Geometry };

type Notice = { tone: 'ok' | 'error'; text: string } | null;

async function answer<T>(
  response: Response,
): Promise<{ ok: true; body: T } | { ok: false; status: number; body: Record<string, unknown> }> {
  const body = response.status === 204 ? {} : await response.json().catch(() => ({}));
  return response.ok ? { ok: true, body: body as T } : { ok: false, status: response.status, body };
}

const valuesOf = (layer: BaseLayer, properties: Record<string, unknown>): FormValues =>
  Object.fromEntries(BASE_LAYER_SPECS[layer].fields.map((field) => [field.column, formText(field, properties[field.column])]));

/**
 * 数据维护: click a base feature to edit its attributes, move or reshape it, or delete it; draw a new one. Every
 * save is based on the version read; when someone else changed the feature meanwhile, both states are shown.
 */
export function FeatureEditorApp({ villages, basemap, canEditGeometry }: FeatureEditorAppProps) {
  const t = useT();
  const locale = useLocale();
  const controller = useRef<MapController | null>(null);
  const [{ draw, pick }] = useState(() => ({ draw: new DrawPlugin(), pick: new PointPickPlugin() }));
  const [mapState, setMapState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [newLayer, setNewLayer] = useState<BaseLayer>('water-sources');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [values, setValues] = useState<FormValues>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [geometry, setGeometry] = useState<GeoJSON.Geometry | null>(null);
  const [tool, setTool] = useState<'none' | 'place' | 'move' | 'draw'>('none');
  const [conflict, setConflict] = useState<CurrentFeature | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const bounds = useMemo(() => unionBbox(villages.map((v) => v.bbox)), [villages]);

  const showGeometry = useCallback((shape: GeoJSON.Geometry | null) => {
    controller.current?.setSelection(shape ? { type: 'Feature', geometry: shape, properties: {} } : null);
  }, []);

  const stopTool = useCallback(() => {
    draw.cancel();
    pick.stop();
    setTool('none');
  }, [draw, pick]);

  const close = useCallback(() => {
    stopTool();
    setEditing(null);
    setGeometry(null);
    setConflict(null);
    setErrors({});
    showGeometry(null);
  }, [stopTool, showGeometry]);

  const open = useCallback(
    async (layer: BaseLayer, id: string) => {
      const result = await answer<{ feature: CurrentFeature; editable: { fields: string[]; geometry: boolean } }>(
        await fetch(`/api/v1/features/${layer}/${encodeURIComponent(id)}/current`),
      );
      if (!result.ok) {
        setNotice({ tone: 'error', text: String(result.body.error ?? result.status) });
        return;
      }
      const { feature, editable } = result.body;
      setEditing({ kind: 'stored', layer, id, feature, editable });
      setValues(valuesOf(layer, feature.properties));
      setGeometry(null);
      setConflict(null);
      setErrors({});
      setNotice(null);
      showGeometry(feature.geometry);
    },
    [showGeometry],
  );

  const onFeatureClick = useCallback(
    (picked: PickedFeature | null) => {
      if (!picked || !isBaseLayer(picked.layer)) return;
      void open(picked.layer, picked.id);
    },
    [open],
  );

  /** Lets the user place a point or draw a shape of the layer; `then` gets it. */
  const capture = (layer: BaseLayer, then: (shape: GeoJSON.Geometry) => void) => {
    stopTool();
    const type = BASE_LAYER_SPECS[layer].geometry;
    if (type === 'Point') {
      setTool('place');
      pick.start(
        ({ lonLat }) => {
          setTool('none');
          then({ type: 'Point', coordinates: lonLat });
        },
        { once: true },
      );
      return;
    }
    setTool('draw');
    void draw.start(type === 'LineString' ? 'linestring' : 'polygon', (drawn) => {
      setTool('none');
      then(type === 'MultiPolygon' && drawn.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [drawn.coordinates] } : drawn);
    });
  };

  const startNew = () => {
    close();
    capture(newLayer, (shape) => {
      const single = villages.length === 1 ? villages[0]?.code : undefined;
      setEditing({ kind: 'new', layer: newLayer, geometry: shape });
      setValues(valuesOf(newLayer, { village_code: single }));
      setNotice(null);
      showGeometry(shape);
    });
  };

  const reshape = () => {
    if (!editing) return;
    capture(editing.layer, (shape) => {
      setGeometry(shape);
      showGeometry(shape);
    });
  };

  const afterChange = (layer: BaseLayer, text: string) => {
    controller.current?.refresh(layer);
    setNotice({ tone: 'ok', text });
  };

  const save = async () => {
    if (!editing) return;
    const spec = BASE_LAYER_SPECS[editing.layer];
    setBusy(true);
    try {
      if (editing.kind === 'new') {
        const { properties, errors: invalid } = changedProperties(spec.fields, values, {});
        setErrors(invalid);
        if (Object.keys(invalid).length > 0) return;
        const result = await answer<{ id: string | number }>(
          await fetch(`/api/v1/features/${editing.layer}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ properties, geometry: editing.geometry }),
          }),
        );
        if (!result.ok) return setNotice({ tone: 'error', text: String(result.body.error ?? result.status) });
        afterChange(editing.layer, t('edit.added'));
        await open(editing.layer, String(result.body.id));
        setNotice({ tone: 'ok', text: t('edit.added') });
        return;
      }
      const editable = spec.fields.filter((field) => editing.editable.fields.includes(field.column));
      const { properties, errors: invalid } = changedProperties(editable, values, editing.feature.properties);
      setErrors(invalid);
      if (Object.keys(invalid).length > 0) return;
      const result = await answer<{ feature: CurrentFeature }>(
        await fetch(`/api/v1/features/${editing.layer}/${encodeURIComponent(editing.id)}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ version: editing.feature.version, properties, ...(geometry ? { geometry } : {}) }),
        }),
      );
      if (!result.ok) {
        if (result.status === 409 && result.body.current) setConflict(result.body.current as CurrentFeature);
        return setNotice({ tone: 'error', text: String(result.body.error ?? result.status) });
      }
      setEditing({ ...editing, feature: result.body.feature });
      setValues(valuesOf(editing.layer, result.body.feature.properties));
      setGeometry(null);
      setConflict(null);
      showGeometry(result.body.feature.geometry);
      afterChange(editing.layer, t('edit.saved'));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (editing?.kind !== 'stored' || !window.confirm(t('edit.confirmDelete'))) return;
    const result = await answer(
      await fetch(`/api/v1/features/${editing.layer}/${encodeURIComponent(editing.id)}?version=${editing.feature.version}`, {
        method: 'DELETE',
      }),
    );
    if (!result.ok) {
      if (result.status === 409 && result.body.current) setConflict(result.body.current as CurrentFeature);
      return setNotice({ tone: 'error', text: String(result.body.error ?? result.status) });
    }
    const layer = editing.layer;
    close();
    afterChange(layer, t('edit.deleted'));
  };

  /** The conflict's choices: take the other change (dropping mine), or keep my values on top of it. */
  const resolve = (keepMine: boolean) => {
    if (editing?.kind !== 'stored' || !conflict) return;
    setEditing({ ...editing, feature: conflict });
    if (!keepMine) {
      setValues(valuesOf(editing.layer, conflict.properties));
      setGeometry(null);
      showGeometry(conflict.geometry);
    }
    setConflict(null);
    setNotice(keepMine ? { tone: 'ok', text: t('edit.conflict.reapply') } : null);
  };

  const spec = editing ? BASE_LAYER_SPECS[editing.layer] : null;
  const editable = new Set(
    editing?.kind === 'new' ? (spec?.fields.map((f) => f.column) ?? []) : editing?.kind === 'stored' ? editing.editable.fields : [],
  );
  const mayReshape = editing?.kind === 'stored' && editing.editable.geometry;
  const conflictRows =
    conflict && spec
      ? spec.fields.filter((field) => formText(field, conflict.properties[field.column]) !== (values[field.column] ?? ''))
      : [];

  return (
    <div className="workspace">
      <nav className="side-panel sheet sheet-open edit-panel" aria-label={t('edit.title')} data-testid="edit-panel">
        {canEditGeometry && (
          <div className="edit-add">
            <select value={newLayer} onChange={(event) => setNewLayer(event.target.value as BaseLayer)} data-testid="new-layer">
              {BASE_LAYERS.map((layer) => (
                <option key={layer} value={layer}>
                  {t(`layer.${layer}` as MessageKey)}
                </option>
              ))}
            </select>
            <button type="button" className="primary" onClick={startNew} data-testid="edit-add">
              {t('edit.add')}
            </button>
          </div>
        )}
        {tool !== 'none' && (
          <div className="tool-hint" role="status" data-testid="edit-tool-hint">
            {t(tool === 'draw' ? 'edit.hint.draw' : 'edit.hint.place')}{' '}
            <button type="button" className="link-button" onClick={stopTool}>
              {t('edit.cancel')}
            </button>
          </div>
        )}
        {notice && (
          <div
            className={`edit-notice edit-notice-${notice.tone}`}
            role={notice.tone === 'error' ? 'alert' : 'status'}
            data-testid="edit-notice"
          >
            {notice.text}
          </div>
        )}
        {!editing && <p className="hint">{t(canEditGeometry ? 'edit.intro' : 'edit.introField')}</p>}
        {editing && spec && (
          <section data-testid="edit-form" data-layer={editing.layer}>
            <header className="edit-head">
              <div>
                <div className="detail-layer">{t(`layer.${editing.layer}` as MessageKey)}</div>
                <h2>
                  {editing.kind === 'new'
                    ? t('edit.newFeature')
                    : String(editing.feature.properties.name ?? editing.feature.properties.code)}
                </h2>
                {editing.kind === 'stored' && (
                  <small data-testid="edit-version">
                    {t('edit.version')} {editing.feature.version}
                  </small>
                )}
              </div>
              <button type="button" className="close" onClick={close} aria-label={t('card.close')}>
                ×
              </button>
            </header>
            {conflict && (
              <div className="edit-conflict" role="alert" data-testid="edit-conflict">
                <strong>{t('edit.conflict.title')}</strong>
                <table>
                  <thead>
                    <tr>
                      <th />
                      <th>{t('edit.conflict.mine')}</th>
                      <th>{t('edit.conflict.current')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {conflictRows.map((field) => (
                      <tr key={field.column}>
                        <th>{locale === 'en' ? field.en : field.zh}</th>
                        <td>{values[field.column] || '—'}</td>
                        <td>{formText(field, conflict.properties[field.column]) || '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div className="edit-actions">
                  <button type="button" className="secondary" onClick={() => resolve(false)} data-testid="conflict-take-current">
                    {t('edit.conflict.takeCurrent')}
                  </button>
                  <button type="button" className="secondary" onClick={() => resolve(true)} data-testid="conflict-keep-mine">
                    {t('edit.conflict.keepMine')}
                  </button>
                </div>
              </div>
            )}
            <FeatureForm
              fields={spec.fields}
              editable={editable}
              values={values}
              errors={errors}
              villages={villages}
              onChange={(column, text) => setValues((current) => ({ ...current, [column]: text }))}
            />
            <div className="edit-actions">
              <button type="button" className="primary" onClick={save} disabled={busy} data-testid="edit-save">
                {t('edit.save')}
              </button>
              {mayReshape && (
                <button type="button" className="secondary" onClick={reshape} data-testid="edit-reshape">
                  {t(spec.geometry === 'Point' ? 'edit.move' : 'edit.redraw')}
                </button>
              )}
              {editing.kind === 'stored' && editing.editable.geometry && (
                <button type="button" className="danger" onClick={remove} data-testid="edit-delete">
                  {t('edit.delete')}
                </button>
              )}
            </div>
            {geometry && <p className="hint">{t('edit.geometryChanged')}</p>}
          </section>
        )}
      </nav>
      <main className="map-area">
        <MapView
          basemap={basemap}
          offlineAttribution={t('map.offlineAttribution')}
          bounds={bounds}
          visible={VISIBLE}
          styleOptions={STYLE}
          pickable={BASE_LAYERS}
          testId="edit-map"
          locate
          mode={tool}
          onReady={(c) => {
            controller.current = c;
            c.use(draw);
            c.use(pick);
          }}
          onFeatureClick={onFeatureClick}
          onViewChange={() => {}}
          onStateChange={setMapState}
        />
        {mapState !== 'ready' && (
          <div className={`map-status ${mapState}`} role="status">
            {t(mapState === 'error' ? 'map.error' : 'map.loading')}
          </div>
        )}
      </main>
    </div>
  );
}
