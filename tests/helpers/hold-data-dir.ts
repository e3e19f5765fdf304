// Child process for the lock test: opens the embedded database on DATA_DIR the way the server does,
// says so, and keeps it open until it gets SIGTERM (then db/client.ts checkpoints and closes).
import { getDatabase } from '../../db/client';

const { engine } = await getDatabase();
process.stdout.write(`open ${engine} ${process.pid}\n`);
setInterval(() => {}, 1 << 30);
