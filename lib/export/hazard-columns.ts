import type { HazardListProperties } from '../hazards/list-row';
import { enumLabel } from '../i18n';
import { ruleCitation } from '../rules/rule-label';
import { toGeoJson } from './geojson';
import type { TableColumn } from './table';

/** One hazard as the list query (db/queries/hazards.ts listHazards) gives it, flattened with its point. */
export interface HazardExportRow extends HazardListProperties {
  lon: number | null;
  lat: number | null;
}

/** The list query's FeatureCollection (text or parsed) as export rows. */
export function hazardRowsFromCollection(collection: string | GeoJSON.FeatureCollection): HazardExportRow[] {
  const parsed: GeoJSON.FeatureCollection = typeof collection === 'string' ? JSON.parse(collection) : collection;
  return parsed.features.map((feature) => {
    const point = feature.geometry?.type === 'Point' ? feature.geometry.coordinates : null;
    return { ...(feature.properties as Omit<HazardExportRow, 'lon' | 'lat'>), lon: point?.[0] ?? null, lat: point?.[1] ?? null };
  });
}

const label = (group: string, code: string | null) => (code ? enumLabel('zh-CN', group, code) : '');

/** The hazard list's columns in the office's order, Chinese headers and labels (隐患清单). */
export const HAZARD_EXPORT_COLUMNS: readonly TableColumn<HazardExportRow>[] = [
  { header: '编号', value: (row) => row.code },
  { header: '村', value: (row) => row.village_name },
  { header: '类别', value: (row) => label('category', row.category) },
  { header: '场所类型', value: (row) => label('place_type', row.place_type) },
  { header: '等级', value: (row) => label('severity', row.severity) },
  { header: '状态', value: (row) => label('hazard_status', row.status) },
  { header: '是否逾期', value: (row) => (row.overdue ? '是' : '否') },
  { header: '发现日期', value: (row) => row.found_on, width: 12 },
  { header: '整改期限', value: (row) => row.deadline, width: 12 },
  { header: '责任人', value: (row) => row.responsible_person },
  { header: '描述', value: (row) => row.description, width: 50 },
  {
    header: '依据条款/规则',
    value: (row) => [row.criterion, row.rule_id ? ruleCitation('zh-CN', row.rule_id, row.rule_clause) : null].filter(Boolean).join(' / '),
  },
  { header: '实测值', value: (row) => row.measured },
  { header: '经度', value: (row) => row.lon, width: 12 },
  { header: '纬度', value: (row) => row.lat, width: 12 },
  { header: '销号日期', value: (row) => row.closed_on, width: 12 },
];

export const HAZARD_SHEET_NAME = '隐患清单';

/** The hazard list as GeoJSON: codes (not labels) so GIS tools can filter on them. */
export function hazardsToGeoJson(rows: readonly HazardExportRow[]): string {
  return toGeoJson(rows, {
    id: (row) => row.id,
    position: (row) => (row.lon === null || row.lat === null ? null : [row.lon, row.lat]),
    properties: ({ lon: _lon, lat: _lat, ...properties }) => properties,
  });
}
