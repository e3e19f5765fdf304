/** The properties of one hazard as the list query gives them (db/queries/hazards.ts listHazards). */
export interface HazardListProperties {
  id: number;
  code: string;
  village_code: string;
  village_name: string;
  category: string;
  place_type: string | null;
  severity: string;
  criterion: string | null;
  rule_id: string | null;
  measured: number | null;
  description: string;
  found_on: string;
  deadline: string;
  status: string;
  responsible_person: string | null;
  closed_on: string | null;
  version: number;
  overdue: boolean;
  /** The clause of the rule a hazard from an analysis rests on (rules table). */
  rule_clause: string | null;
}
