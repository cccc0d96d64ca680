import type { Actor, Platform } from './actor.js';

/** The admin id lists, as src/app/settings.ts validated them. */
export interface AdminSettings {
  TELEGRAM_ADMIN_IDS: readonly string[];
  SLACK_ADMIN_IDS: readonly string[];
}

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

  /** The admins listed in the settings (src/app/settings.ts splits and checks the id lists). */
  static fromSettings(settings: AdminSettings): Permissions {
    return new Permissions({ telegram: settings.TELEGRAM_ADMIN_IDS, slack: settings.SLACK_ADMIN_IDS });
  }

  isAdmin(actor: Actor): boolean {
    if (actor.platform === 'cli') return true;
    return this.admins[actor.platform].has(actor.userId);
  }
}
