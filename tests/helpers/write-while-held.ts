// Child process for the backup test: opens the configured database the way the server does (DATABASE_URL, else
// the embedded one in DATA_DIR, answering snapshot requests) and keeps writing — each write a user and its audit
// row in one transaction — printing the number of acknowledged writes after each, until SIGTERM (then the loop
// stops so that db/client.ts can checkpoint and close).
import { sql } from 'kysely';
import { getDatabase } from '../../db/client';
import { writeAudit } from '../../db/queries/audit';

const { db } = await getDatabase();
process.stdout.write('open\n');
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});
for (let n = 1; !stopping; n++) {
  await db.transaction().execute(async (trx) => {
    const inserted = await sql<{ id: number }>`
      INSERT INTO users (username, display_name, role, password_hash)
      VALUES (${`writer${n}`}, ${`写入者 ${n}`}, 'office', 'not-a-hash') RETURNING id`.execute(trx);
    const id = inserted.rows[0]?.id ?? null;
    await writeAudit(trx, {
      actor: { name: 'writer', role: 'admin' },
      action: 'create',
      table: 'users',
      recordId: id,
      villageCode: null,
      after: { username: `writer${n}` },
      requestId: `write-${n}`,
    });
  });
  process.stdout.write(`${n}\n`);
  // PGlite answers through microtasks only: without a turn of the event loop between writes (as a server has
  // between requests) no signal would ever be handled.
  await new Promise((resolve) => setImmediate(resolve));
}
