/**
 * Child process for the busy-database test: opens the SQLite file given as the first
 * argument, takes BEGIN EXCLUSIVE (as another PlanBot process or a backup tool might),
 * says "locked", holds it until it receives SIGUSR2 (or, as a safety net, for the
 * milliseconds given as the second argument), then commits, says "released" and exits.
 */
import sqlite3 from 'sqlite3';

const [file, holdMs] = [process.argv[2]!, Number(process.argv[3] ?? 20_000)];
const db = new sqlite3.Database(file);
db.exec('BEGIN EXCLUSIVE; INSERT INTO settings (key, value) VALUES (\'held\', \'1\') ON CONFLICT(key) DO UPDATE SET value = excluded.value;', (err) => {
  if (err) {
    process.stderr.write(`could not lock: ${err.message}\n`);
    process.exit(2);
  }
  process.stdout.write('locked\n');
  const release = () =>
    db.exec('COMMIT', () => {
      process.stdout.write('released\n');
      db.close(() => process.exit(0));
    });
  const safety = setTimeout(release, holdMs);
  process.once('SIGUSR2', () => {
    clearTimeout(safety);
    release();
  });
});
