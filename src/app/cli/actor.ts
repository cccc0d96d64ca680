import os from 'node:os';
import type { Actor } from '../../services/access/actor.js';

/** The local user: the author of CLI changes (the CLI is trusted as admin) and the asker of `planbot ask`. */
export function cliActor(): Actor {
  let name = 'cli';
  try {
    name = os.userInfo().username || name;
  } catch {
    // No user database entry (some containers): keep "cli".
  }
  return { platform: 'cli', userId: name, displayName: name };
}

