import type { Geometry } from 'geojson';
import type { StoredFeature, StoredValue } from '@/db/queries/layer-export';
import { BASE_LAYER_SPECS, type BaseField, type BaseLayer, type BaseLayerSpec, shapefileFieldName } from '@/lib/domain/base-fields';
import { formatMonths } from '@/lib/domain/months';
import { zhCN } from '@/lib/i18n/zh-CN';

/**
 * A base layer as every writer sees it: its columns in the spec's order and each feature's values in that order.
 * Values are what the database stores (enumerations as their codes, references as the other feature's code), in
 * the five attribute types every GIS format has, so a file read back and imported gives the same rows.
 */
export type AttributeType = 'text' | 'integer' | 'number' | 'boolean' | 'date';
export type AttributeValue = string | number | boolean | null;

export interface ExportColumn {
  /** The column's full name (the table's column), used where the format allows long names. */
  name: string;
  zh: string;
  en: string;
  /** At most 10 ASCII characters, unique within the layer. */
  shapefileName: string;
  type: AttributeType;
}

export interface ExportFeature {
  values: AttributeValue[];
  geometry: Geometry;
}

export interface LayerExport {
  layer: BaseLayer;
  /** A name safe as a table or file stem in every format (`water_sources`). */
  tableName: string;
  /** The layer's Chinese title, as the map's layer panel says it. */
  title: string;
  geometryType: BaseLayerSpec['geometry'];
  columns: ExportColumn[];
  features: ExportFeature[];
}

function attributeType(field: BaseField): AttributeType {
  switch (field.type) {
    case 'integer':
    case 'number':
    case 'boolean':
    case 'date':
      return field.type;
    // Codes, references and month lists are text in files.
    case 'text':
    case 'enum':
    case 'reference':
    case 'months':
      return 'text';
  }
}

/** A stored value as a file attribute; usable months as ranges ("1-12", "1-3,11,12"), as the edit form writes them. */
function attributeValue(value: StoredValue | undefined): AttributeValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return formatMonths(value);
  return value;
}

export function layerExport(layer: BaseLayer, features: readonly StoredFeature[]): LayerExport {
  const spec = BASE_LAYER_SPECS[layer];
  return {
    layer,
    tableName: spec.table,
    title: zhCN[`layer.${layer}`],
    geometryType: spec.geometry,
    columns: spec.fields.map((field) => ({
      name: field.column,
      zh: field.zh,
      en: field.en,
      shapefileName: shapefileFieldName(field),
      type: attributeType(field),
    })),
    features: features.map((feature) => ({
      values: spec.fields.map((field) => attributeValue(feature.properties[field.column])),
      geometry: feature.geometry,
    })),
  };
}

/** A feature's values by column name. */
export function attributesOf(layer: LayerExport, feature: ExportFeature): Record<string, AttributeValue> {
  return Object.fromEntries(layer.columns.map((column, at) => [column.name, feature.values[at] ?? null]));
}
