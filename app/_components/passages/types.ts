import type { FixRow } from '@/db/queries/passage-fixes';
import type { ScenarioRow } from '@/db/queries/scenarios';
import type { FixSpec, Site } from '@/lib/planning/fixes';
import type { ScenarioResult } from '@/lib/planning/scenario-evaluation';
import type { SegmentToFix } from '@/lib/planning/segments';
import type { Suggestions } from '@/lib/planning/suggestions';

export type { FixRow, FixSpec, ScenarioResult, ScenarioRow, SegmentToFix, Site, Suggestions };

/** A fix in the what-if set, with the words shown for it. */
export interface DraftFix {
  key: string;
  spec: FixSpec;
  label: string;
}

export interface DraftSite {
  key: string;
  site: Site;
}

export async function requestJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw Object.assign(new Error(body.error ?? String(response.status)), { status: response.status, body });
  return body;
}

export const postJson = <T>(url: string, body: unknown, method = 'POST') =>
  requestJson<T>(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
