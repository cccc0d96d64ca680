import type { types } from '@slack/bolt';
import { replyLang, type ReplyLang } from '../../engine/text/i18n.js';
import type { Answer, Citation } from '../../engine/answer/types.js';
import { ACTION, feedbackValue, postValue, sectionValue } from './action-values.js';
import { LIMITS } from './limits.js';
import { contextBlock, paginate, sectionBlock, type Block, type SlackMessage } from './message.js';
import { escapeMrkdwn, splitText, truncate } from './mrkdwn.js';
import { st } from './strings.js';

export interface AnswerRenderOptions {
  /** A line above the answer, already in mrkdwn (e.g. who asked what). */
  heading?: string;
  /** Add the "post to channel" button (on /plan replies only the asker sees). */
  postable?: boolean;
  /** The logged question (Desk): adds 👍/👎, stored against it. */
  feedbackRef?: string;
}

/** Section buttons shown at most; the rest stay listed under "Sources". */
const MAX_SECTION_BUTTONS = 20;

/**
 * An Answer as Slack messages: the reply text (each quote followed by its
 * section), a "Sources" line, a button per cited section and 👍/👎. Everything
 * from the document or the asker is escaped; long answers continue in further
 * messages with the sources and buttons on the last one.
 */
export function renderAnswer(answer: Answer, options: AnswerRenderOptions = {}): SlackMessage[] {
  const lang = replyLang(answer.language);
  const body = splitText(answerMrkdwn(answer), LIMITS.textBlock).map(sectionBlock);
  const header: Block[] = options.heading ? [contextBlock(truncateMrkdwn(options.heading))] : [];
  return paginate(body, {
    header,
    trailer: trailerBlocks(answer, lang, options),
    fallback: fallbackText(answer),
    continued: st('continued', lang),
  });
}

function answerMrkdwn(answer: Answer): string {
  const lines: string[] = [];
  for (const part of answer.parts) {
    if (part.type === 'text') lines.push(escapeMrkdwn(part.text));
    else if (part.type === 'note') lines.push(`:information_source: ${escapeMrkdwn(part.text)}`);
    else {
      const quoted = escapeMrkdwn(part.text)
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n');
      lines.push(quoted, `— *${escapeMrkdwn(labelOf(answer, part.sectionId, part.docId))}*`);
    }
  }
  for (const s of answer.suggestions) lines.push(`• *${escapeMrkdwn(s.label)}* — ${escapeMrkdwn(truncate(s.quote, 100))}`);
  return lines.join('\n');
}

function labelOf(answer: Answer, sectionId: string, docId: string): string {
  return answer.citations.find((c) => c.sectionId === sectionId && c.docId === docId)?.label ?? `§${sectionId}`;
}

function trailerBlocks(answer: Answer, lang: ReplyLang, options: AnswerRenderOptions): Block[] {
  const blocks: Block[] = [];
  const cited: Citation[] = answer.citations.length > 0 ? answer.citations : answer.suggestions;
  if (cited.length > 0) {
    const title = st(answer.citations.length > 0 ? 'sources' : 'nearest', lang);
    blocks.push(contextBlock(truncateMrkdwn(`*${title}:* ${cited.map((c) => escapeMrkdwn(c.label)).join(' · ')}`)));
  }
  const buttons: types.Button[] = [];
  const seen = new Set<string>();
  for (const c of cited) {
    // A section of another document opens by its ref (minutes:1.2).
    const ref = c.ref ?? c.sectionId;
    if (seen.has(ref) || buttons.length >= MAX_SECTION_BUTTONS) continue;
    seen.add(ref);
    buttons.push(button(`${ACTION.section}${ref}`, st('fullText', lang, { section: shortLabel(c) }), sectionValue(ref, lang)));
  }
  const rated = answer.kind === 'answer' || answer.kind === 'section' || answer.kind === 'abstain';
  if (rated) buttons.push(...feedbackButtons(options.feedbackRef, lang));
  if (options.postable && answer.kind !== 'help') buttons.push(postButton(answer.question, lang, options.feedbackRef));
  blocks.push(...actionBlocks(buttons));
  return blocks;
}

/** 👍/👎 for a logged question; none when it could not be logged (there would be nothing to store the vote against). */
export function feedbackButtons(ref: string | undefined, lang: ReplyLang): types.Button[] {
  if (!ref) return [];
  return [button(ACTION.feedbackUp, st('helpful', lang), feedbackValue(ref, 'up', lang)), button(ACTION.feedbackDown, st('notHelpful', lang), feedbackValue(ref, 'down', lang))];
}

export function postButton(question: string, lang: ReplyLang, ref: string | undefined): types.Button {
  return { ...button(ACTION.post, st('postToChannel', lang), postValue(question, lang, ref)), style: 'primary' };
}

/** Buttons in as many actions blocks as Slack's 25-per-block limit needs. */
export function actionBlocks(buttons: readonly types.Button[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actionsPerBlock) {
    blocks.push({ type: 'actions', elements: buttons.slice(i, i + LIMITS.actionsPerBlock) });
  }
  return blocks;
}

/** '§4.2.3' on a button (the title is in the sources line); the preamble keeps its name. */
function shortLabel(c: Citation): string {
  return c.label.startsWith('§') || c.label.startsWith('¶') ? c.label.split(' ')[0]! : c.label;
}

export function button(actionId: string, label: string, value: string): types.Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: truncate(label, LIMITS.buttonText), emoji: true }, value };
}

/** Plain notification text: the first quote or text, then the sources. */
function fallbackText(answer: Answer): string {
  const first = answer.parts.find((p) => p.type === 'quote') ?? answer.parts.find((p) => p.type === 'text') ?? answer.parts[0];
  const labels = (answer.citations.length > 0 ? answer.citations : answer.suggestions).map((c) => c.label).join(' · ');
  const text = [first?.text ?? '', labels ? `(${labels})` : ''].filter(Boolean).join(' ');
  return escapeMrkdwn(truncate(text, LIMITS.fallbackText - 200));
}

/** Keeps a one-block mrkdwn string within the text limit without cutting an entity. */
export function truncateMrkdwn(mrkdwn: string): string {
  return splitText(mrkdwn.replace(/\n/g, ' '), LIMITS.textBlock)[0] ?? '';
}
