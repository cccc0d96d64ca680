import type { types } from '@slack/bolt';
import type { ReplyLang } from '../../engine/text/i18n.js';
import { renderPreview, renderSwitchReport } from '../../services/reindex/render.js';
import type { Preview, SwitchReport } from '../../services/reindex/service.js';
import { ACTION, reindexValue } from './action-values.js';
import { asPlanCommands } from './command-names.js';
import { LIMITS } from './limits.js';
import { contextBlock, paginate, sectionBlock, type Block, type SlackMessage } from './message.js';
import { escapeMrkdwn, splitText } from './mrkdwn.js';
import { actionBlocks, button } from './render-answer.js';
import { st } from './strings.js';

/**
 * Re-index replies for admins. The neutral renderings (src/services/reindex/render.ts, in
 * English) are shown in monospace so their indented before/after excerpts line up;
 * the lines around them are in the admin's language.
 */

const FENCE = '```';

/** Plain text as monospace blocks, each within Slack's text limit. */
function codeBlocks(text: string): Block[] {
  return splitText(escapeMrkdwn(text), LIMITS.textBlock - 8).map((piece) => sectionBlock(`${FENCE}\n${piece}\n${FENCE}`));
}

/** An admin reply: an optional headline, then the service's text in monospace. */
export function adminMessages(text: string, options: { headline?: string; trailer?: Block[]; lang?: ReplyLang } = {}): SlackMessage[] {
  const header: Block[] = options.headline ? [sectionBlock(options.headline)] : [];
  const fallback = escapeMrkdwn(options.headline ?? text).slice(0, LIMITS.fallbackText);
  return paginate(codeBlocks(asPlanCommands(text)), { header, trailer: options.trailer ?? [], fallback, continued: st('continued', options.lang ?? 'en') });
}

/**
 * A dry run with Confirm / Cancel, or — once an admin has clicked — with a line
 * saying what happened instead of the buttons (so nobody clicks twice).
 */
export function previewMessages(preview: Preview, lang: ReplyLang, options: { status?: string } = {}): SlackMessage[] {
  const trailer: Block[] = [];
  if (options.status) trailer.push(contextBlock(options.status));
  else {
    const value = reindexValue(preview.id, lang);
    const buttons: types.Button[] = [
      { ...button(ACTION.reindexConfirm, st(preview.kind === 'rollback' ? 'confirmRollback' : 'confirm', lang), value), style: 'primary' },
      button(ACTION.reindexCancel, st('cancel', lang), value),
    ];
    trailer.push(...actionBlocks(buttons));
  }
  return adminMessages(renderPreview(preview), { trailer, lang });
}

export function switchReportMessages(report: SwitchReport, lang: ReplyLang): SlackMessage[] {
  const headline = report.switched ? `:white_check_mark: ${escapeMrkdwn(st('switched', lang, { version: report.version, created: report.createdAt.replace('T', ' ').slice(0, 16) + ' UTC', took: seconds(report.tookMs) }))}` : undefined;
  return adminMessages(renderSwitchReport(report), { ...(headline ? { headline } : {}), lang });
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
