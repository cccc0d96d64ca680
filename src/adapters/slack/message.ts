import type { types } from '@slack/bolt';
import { LIMITS } from './limits.js';

export type Block = types.KnownBlock;

/** One Slack message: blocks plus the plain notification text Slack shows where blocks cannot be. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export function sectionBlock(mrkdwn: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: mrkdwn } };
}

export function contextBlock(mrkdwn: string): types.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn }] };
}

/**
 * Spreads body blocks over as many messages as the 50-block limit needs. The
 * header opens the first message; the trailer (sources, buttons) closes the last.
 */
export function paginate(body: readonly Block[], options: { header?: Block[]; trailer?: Block[]; fallback: string; continued?: string }): SlackMessage[] {
  const header = options.header ?? [];
  const trailer = options.trailer ?? [];
  const room = LIMITS.blocksPerMessage;
  const pages: Block[][] = [];
  let page: Block[] = [...header];
  for (const block of body) {
    if (page.length >= room) {
      pages.push(page);
      page = [];
    }
    page.push(block);
  }
  if (page.length + trailer.length > room) {
    pages.push(page);
    page = [];
  }
  page.push(...trailer);
  pages.push(page);
  return pages.map((blocks, i) => ({
    blocks,
    text: i === 0 ? options.fallback : `${options.continued ?? '…'} ${options.fallback}`.slice(0, LIMITS.fallbackText),
  }));
}
