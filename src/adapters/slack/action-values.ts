import { z } from 'zod';
import type { ReplyLang } from '../../engine/text/i18n.js';
import { feedbackPayload } from '../../services/questions/feedback.js';
import type { Vote } from '../../services/questions/log.js';
import { LIMITS } from './limits.js';

/**
 * Action ids of the app's buttons and what their values carry. Values travel
 * through Slack and come back on a click, so they are small, versioned-by-shape
 * JSON, checked on the way back in.
 */
export const ACTION = {
  /** Prefix: one button per cited section (`planbot.section:4.2.3`; ids must be unique within a message). */
  section: 'planbot.section:',
  /** On a section post: switch between the Chinese text and the English translation. */
  sectionLanguage: 'planbot.section.language',
  feedbackUp: 'planbot.feedback.up',
  feedbackDown: 'planbot.feedback.down',
  /** On a /plan reply (only the asker sees it): post the answer to the channel. */
  post: 'planbot.post',
  /** On a re-index dry run (admins). */
  reindexConfirm: 'planbot.reindex.confirm',
  reindexCancel: 'planbot.reindex.cancel',
} as const;

export const SECTION_ACTION = /^planbot\.section:/;
export const FEEDBACK_ACTION = /^planbot\.feedback\.(up|down)$/;
export const REINDEX_ACTION = /^planbot\.reindex\.(confirm|cancel)$/;

const lang = z.enum(['zh-Hant', 'zh-Hans', 'en']).catch('zh-Hant');

/** `show`: which text of the section the post shows ('source': the Chinese original). */
const SectionValue = z.object({ id: z.string().min(1).max(50), lang, show: z.enum(['source', 'en']).catch('source') });
export type SectionValue = z.infer<typeof SectionValue>;

/** `p`: the question log's payload (`fb:up:<ref>`). */
const FeedbackValue = z.object({ p: z.string().max(60), lang });
export type FeedbackValue = z.infer<typeof FeedbackValue>;

/** `ref`: the logged question, so votes on the public copy count for it. */
const PostValue = z.object({ q: z.string().min(1).max(LIMITS.buttonValue), lang, ref: z.string().max(40).optional() });
export type PostValue = z.infer<typeof PostValue>;

const ReindexValue = z.object({ id: z.string().min(1).max(100), lang });
export type ReindexValue = z.infer<typeof ReindexValue>;

export function sectionValue(id: string, l: ReplyLang, show: SectionValue['show'] = 'source'): string {
  return JSON.stringify({ id, lang: l, show } satisfies SectionValue);
}

export function feedbackValue(ref: string, vote: Vote, l: ReplyLang): string {
  return JSON.stringify({ p: feedbackPayload(ref, vote), lang: l } satisfies FeedbackValue);
}

export function postValue(question: string, l: ReplyLang, ref?: string): string {
  const value = (q: string) => JSON.stringify({ q, lang: l, ...(ref ? { ref } : {}) } satisfies PostValue);
  return value(fitQuestion(question, (q) => value(q).length));
}

export function reindexValue(id: string, l: ReplyLang): string {
  return JSON.stringify({ id, lang: l } satisfies ReindexValue);
}

export function readSectionValue(raw: string | undefined): SectionValue | undefined {
  return parse(SectionValue, raw);
}

export function readFeedbackValue(raw: string | undefined): FeedbackValue | undefined {
  return parse(FeedbackValue, raw);
}

export function readPostValue(raw: string | undefined): PostValue | undefined {
  return parse(PostValue, raw);
}

export function readReindexValue(raw: string | undefined): ReindexValue | undefined {
  return parse(ReindexValue, raw);
}

/** The language every button's value carries (Chinese when there is none, as for a bad value). */
export function readValueLang(raw: string | undefined): ReplyLang {
  return parse(z.object({ lang }), raw)?.lang ?? 'zh-Hant';
}

/** The longest prefix of the question whose encoded value fits in a button (JSON escapes can grow it). */
function fitQuestion(question: string, encodedLength: (q: string) => number): string {
  let q = question;
  while (q.length > 0 && encodedLength(q) > LIMITS.buttonValue) q = q.slice(0, Math.floor(q.length * 0.9));
  return q;
}

function parse<T>(schema: z.ZodType<T>, raw: string | undefined): T | undefined {
  if (!raw) return undefined;
  try {
    const result = schema.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
