/**
 * One problem of one feature of an import: `error` stops the commit, `repairable` stops it unless the commit asks
 * for the repair, `warning` is shown and does not.
 */
export interface ReportItem {
  /** The feature's index in the file (its row number for tables), or null for the file as a whole. */
  index: number | null;
  field: string | null;
  code:
    | 'required'
    | 'bad_value'
    | 'unknown_value'
    | 'unknown_reference'
    | 'duplicate_key'
    | 'no_geometry'
    | 'geometry_type'
    | 'invalid_geometry'
    | 'outside_town'
    | 'outside_village';
  severity: 'error' | 'repairable' | 'warning';
  message: string;
}

export interface ImportSummary {
  new: number;
  changed: number;
  unchanged: number;
  missing: number;
  invalid: number;
}

/** Items that stop a commit, given whether it repairs invalid geometries. */
export function blockingItems(items: readonly ReportItem[], repair: boolean): ReportItem[] {
  return items.filter((item) => item.severity === 'error' || (item.severity === 'repairable' && !repair));
}
