import type { HazardStatus } from '@/lib/domain/enums';
import type { HazardListProperties } from '@/lib/hazards/list-row';

/** What the hazard list and detail endpoints answer (see app/api/v1/hazards/**). */
export interface HazardProperties extends Omit<HazardListProperties, 'status'> {
  status: HazardStatus;
  building_id?: number | null;
  unit_id?: number | null;
  passage_id?: number | null;
}

export interface HazardFeature {
  type: 'Feature';
  geometry: GeoJSON.Point;
  properties: HazardProperties;
}

export interface HazardList {
  type: 'FeatureCollection';
  features: HazardFeature[];
  total: number;
  by_status: Record<string, number>;
}

export interface HazardEvent {
  id: number;
  at: string;
  actor: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string;
  notify_method: string | null;
}

export interface PhotoMeta {
  id: number;
  hazard_id: number;
  event_id: number | null;
  kind: 'before' | 'after' | 'other';
  width: number;
  height: number;
  byte_size: number;
  uploaded_by: string;
  uploaded_at: string;
}

export interface LinkedRecord {
  layer: 'buildings' | 'units' | 'passages';
  id: number;
  code: string;
  name: string | null;
  geometry: GeoJSON.Geometry;
}

/** What the map marks as a hazard's linked records: the linked one, and a spacing hazard's second building. */
export function linkedGeometry(detail: Pick<HazardDetailData, 'linked' | 'paired'>): GeoJSON.Geometry | null {
  const geometries = [detail.linked, detail.paired].flatMap((record) => (record ? [record.geometry] : []));
  if (geometries.length <= 1) return geometries[0] ?? null;
  return { type: 'GeometryCollection', geometries };
}

export interface HazardDetailData {
  hazard: HazardFeature;
  events: HazardEvent[];
  rule: { rule_id: string; clause: string; description_zh: string; description_en: string; threshold: number; unit: string } | null;
  linked: LinkedRecord | null;
  /** The second building of a spacing hazard. */
  paired: LinkedRecord | null;
  photos: PhotoMeta[];
  allowed_next: HazardStatus[];
}

export interface ImportReport {
  file: string;
  headers: string[];
  mapping: Record<string, number>;
  fields: Record<string, string>;
  rows: number;
  valid: number;
  errors: { row: number; column: string; message: string }[];
  created?: number;
  error?: string;
}
