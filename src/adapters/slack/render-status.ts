import type { types } from '@slack/bolt';
import type { StatusReply } from '../../services/status/service.js';
import { ACTION, sectionValue } from './action-values.js';
import { asPlanCommands } from './command-names.js';
import { paginate, sectionBlock, contextBlock, type Block, type SlackMessage } from './message.js';
import { LIMITS } from './limits.js';
import { escapeMrkdwn, splitText } from './mrkdwn.js';
import { actionBlocks, button, feedbackButtons, postButton, truncateMrkdwn } from './render-answer.js';
import { st } from './strings.js';

export interface StatusRenderOptions {
  heading?: string;
  /** The logged question a status card answered: adds 👍/👎. */
  feedbackRef?: string;
  /** The question, for the "post to channel" button of a /plan reply. */
  postQuestion?: string;
}

/**
 * A status reply (card, overview, list, update, history, refusal or error) as Slack
 * messages. The text is the service's own rendering, escaped, with headings in bold
 * and the overview's progress bars in monospace so they line up.
 */
export function renderStatusReply(reply: StatusReply, options: StatusRenderOptions = {}): SlackMessage[] {
  const lang = reply.lang;
  const body = splitText(statusMrkdwn(reply), LIMITS.textBlock).map(sectionBlock);
  const header: Block[] = options.heading ? [contextBlock(truncateMrkdwn(options.heading))] : [];
  const buttons: types.Button[] = [];
  const cards = reply.kind === 'cards' ? reply.cards : reply.kind === 'updated' ? [reply.card] : [];
  for (const card of cards.slice(0, 5)) {
    if (!card.missing) buttons.push(button(`${ACTION.section}${card.sectionId}`, st('fullText', lang, { section: `§${card.sectionId}` }), sectionValue(card.sectionId, lang)));
  }
  buttons.push(...feedbackButtons(options.feedbackRef, lang));
  if (options.postQuestion) buttons.push(postButton(options.postQuestion, lang, options.feedbackRef));
  return paginate(body, { header, trailer: actionBlocks(buttons), fallback: escapeMrkdwn(asPlanCommands(reply.text)).slice(0, LIMITS.fallbackText), continued: st('continued', lang) });
}

function statusMrkdwn(reply: StatusReply): string {
  const text = escapeMrkdwn(asPlanCommands(reply.text));
  const [first = '', ...rest] = text.split('\n');
  switch (reply.kind) {
    case 'cards':
      // Cards are separated by a blank line; each starts with its section label.
      return text
        .split('\n\n')
        .map((card) => card.replace(/^([^\n]+)/, '*$1*'))
        .join('\n\n');
    case 'updated':
      return [`:white_check_mark: ${first}`, ...rest.map((l, i) => (i === 0 ? `*${l}*` : l))].join('\n');
    case 'overview':
      return rest.length > 0 ? `*${first}*\n\`\`\`\n${rest.join('\n')}\n\`\`\`` : `*${first}*`;
    case 'list':
    case 'history':
      return [`*${first}*`, ...rest].join('\n');
    default:
      return text;
  }
}
