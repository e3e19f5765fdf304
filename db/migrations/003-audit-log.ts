import { type Kysely, sql } from 'kysely';

/**
 * Append-only audit trail (责任倒查): who changed what and when. Triggers refuse UPDATE, DELETE and
 * TRUNCATE for every database role the application uses, so the application cannot rewrite history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    role text,
    action text NOT NULL CHECK (action IN ('create', 'update', 'transition', 'delete', 'import', 'seed')),
    table_name text NOT NULL,
    record_id text,
    village_code text,
    before jsonb,
    after jsonb,
    request_id text
  )`.execute(db);
  await sql`CREATE INDEX audit_log_record_idx ON audit_log (table_name, record_id)`.execute(db);
  await sql`CREATE INDEX audit_log_at_idx ON audit_log (at)`.execute(db);
  await sql`CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
    END
  $$`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS audit_log`.execute(db);
  await sql`DROP FUNCTION IF EXISTS audit_log_refuse_change()`.execute(db);
}
