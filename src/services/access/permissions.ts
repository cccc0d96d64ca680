import { parseIdList } from '../../engine/text/id-list.js';
import type { Actor, Platform } from './actor.js';

/**
 * The one place that decides who may run admin commands (status updates,
 * re-indexing), shared by every front end. Admins are listed per platform by
 * user id (TELEGRAM_ADMIN_IDS, SLACK_ADMIN_IDS); the local CLI is trusted.
 */
export class Permissions {
  private readonly admins: Record<Platform, Set<string>>;

  constructor(admins: Partial<Record<Platform, readonly string[]>>) {
    this.admins = {
      telegram: new Set(admins.telegram ?? []),
      slack: new Set(admins.slack ?? []),
      cli: new Set(admins.cli ?? []),
    };
  }

  /** Reads comma- or space-separated id lists from the environment. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): Permissions {
    return new Permissions({ telegram: parseIdList(env.TELEGRAM_ADMIN_IDS), slack: parseIdList(env.SLACK_ADMIN_IDS) });
  }

  isAdmin(actor: Actor): boolean {
    if (actor.platform === 'cli') return true;
    return this.admins[actor.platform].has(actor.userId);
  }
}
