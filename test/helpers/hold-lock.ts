/**
 * Child process for the lock tests: takes the re-index lock on the indexes
 * folder given as argument, says "locked", and holds it until it is killed.
 */
import { acquireIndexLock } from '../../src/engine/index/lock.js';

const lock = await acquireIndexLock(process.argv[2]!, 'a test holding the lock');
process.stdout.write(`locked ${lock.info.pid}\n`);
setInterval(() => undefined, 60_000);
