import type { Migration } from 'kysely/migration';
import * as postgis from './001-postgis';
import * as domain from './002-domain';
import * as auditLog from './003-audit-log';
import * as buildingMercator from './005-building-mercator';
import * as rules from './006-rules';
import * as metricGeometry from './007-metric-geometry';
import * as accounts from './008-accounts';
// hazard photos
import * as hazardPhotos from './009-hazard-photos';
// planner workspace
import * as passageFixes from './010-passage-fixes';
// personal API tokens
import * as apiTokens from './011-api-tokens';
// field app: retried writes
import * as idempotencyKeys from './012-idempotency-keys';
// spacing hazards: both buildings
import * as hazardPairedBuilding from './013-hazard-paired-building';
// password reset by an administrator
import * as userPasswordChange from './014-user-password-change';
// rule clauses checked against the standards
import * as ruleClauses from './015-rule-clauses';
// field checks (现场核查)
import * as fieldChecks from './016-field-checks';
// base features: versions, and retired rather than deleted
import * as baseFeatureVersions from './017-base-feature-versions';
// water sources: usable all year unless stated
import * as waterMonthsDefault from './018-water-months-default';
// base-layer imports: preview, commit, rollback
import * as importBatches from './019-import-batches';

/** All migrations in order. Imported statically so they are bundled with the server (no file scan). */
export const migrations: Record<string, Migration> = {
  '2026-11-30-001-postgis': postgis,
  '2026-11-30-002-domain': domain,
  '2026-11-30-003-audit-log': auditLog,
  '2026-11-30-005-building-mercator': buildingMercator,
  '2026-11-30-006-rules': rules,
  '2026-11-30-007-metric-geometry': metricGeometry,
  '2026-11-30-008-accounts': accounts,
  // hazard photos
  '2026-11-30-009-hazard-photos': hazardPhotos,
  // planner workspace
  '2026-11-30-010-passage-fixes': passageFixes,
  // personal API tokens
  '2026-11-30-011-api-tokens': apiTokens,
  // field app: retried writes
  '2026-11-30-012-idempotency-keys': idempotencyKeys,
  // spacing hazards: both buildings
  '2026-12-03-013-hazard-paired-building': hazardPairedBuilding,
  // password reset by an administrator
  '2026-12-03-014-user-password-change': userPasswordChange,
  // rule clauses checked against the standards
  '2026-12-03-015-rule-clauses': ruleClauses,
  // field checks (现场核查)
  '2026-12-03-016-field-checks': fieldChecks,
  // base features: versions, and retired rather than deleted
  '2026-12-03-017-base-feature-versions': baseFeatureVersions,
  // water sources: usable all year unless stated
  '2026-12-07-018-water-months-default': waterMonthsDefault,
  // base-layer imports: preview, commit, rollback
  '2026-12-08-019-import-batches': importBatches,
};
