import type { BaseLayer } from '@/lib/domain/base-fields';

/** The counts of an import's preview (or of what its commit did). */
export interface ImportSummary {
  new: number;
  changed: number;
  unchanged: number;
  missing: number;
  invalid: number;
}

/** One problem of the file, where the user finds it. */
export interface ImportProblem {
  index: number;
  field?: string | null;
  code?: string | null;
  /** `error` stops the commit, `repairable` unless it repairs, `warning` does not. */
  severity?: 'error' | 'repairable' | 'warning';
  message: string;
}

/** An import batch as the API answers it: the preview (mapping, guess, counts, problems) or its history row. */
export interface ImportBatch {
  id: number;
  layer: BaseLayer;
  status: 'preview' | 'applied' | 'rolled_back' | 'discarded';
  file_name: string;
  crs: string | null;
  crs_guess?: { crs: string | null; reason: string; alternatives?: string[] } | null;
  /** The system was read from the numbers, not declared: the commit must confirm it. */
  crs_guessed?: boolean;
  encoding: string | null;
  /** The file's attribute names. */
  fields?: string[];
  /** Layer column → file field. */
  mapping?: Record<string, string>;
  /** Per column, the file's values that match none of the field's. */
  unmatched_values?: Record<string, string[]>;
  summary: ImportSummary;
  errors?: ImportProblem[];
  created_by_name?: string | null;
  created_at?: string;
  applied_at?: string | null;
  rolled_back_at?: string | null;
  /** GET of one batch: its features with `_match` (new/changed/unchanged/missing/invalid) and `_changed_fields`. */
  features?: GeoJSON.FeatureCollection;
}

export type ApiAnswer<T> = { ok: true; body: T } | { ok: false; status: number; error: string; body: Record<string, unknown> };

export async function callApi<T>(url: string, init?: RequestInit): Promise<ApiAnswer<T>> {
  const response = await fetch(url, init);
  const body = await response.json().catch(() => ({}));
  if (response.ok) return { ok: true, body: body as T };
  return { ok: false, status: response.status, error: String(body.error ?? response.statusText), body };
}

export const postJson = <T>(url: string, body: unknown) =>
  callApi<T>(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
