/** The neutral commands the shared services name in their replies, as `/plan` sub-commands. */
const NEUTRAL_COMMANDS = 'setstatus|status|stats|synonym|toc|docs|about|section|reindex|rollback|changes|versions|history';

const COMMAND = new RegExp(`(^|[\\s(「『“"'(:,;,;])/(${NEUTRAL_COMMANDS})(?![\\w/])`, 'g');

/**
 * Replies written for every front end say "/setstatus 4.2.12 done" or "/toc". In Slack
 * those are sub-commands of /plan (a workspace has one command per app, and Slack's own
 * /status exists), so the text is adjusted to what a Slack user can type.
 */
export function asPlanCommands(text: string): string {
  return text.replace(COMMAND, (_, before: string, name: string) => `${before}/plan ${name}`);
}
