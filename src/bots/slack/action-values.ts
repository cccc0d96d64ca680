import { z } from 'zod';
import type { ReplyLang } from '../../answer/strings.js';
import { LIMITS } from './limits.js';

/**
 * Action ids of the app's buttons and what their values carry. Values travel
 * through Slack and come back on a click, so they are small, versioned-by-shape
 * JSON, checked on the way back in.
 */
export const ACTION = {
  /** Prefix: one button per cited section (`planbot.section:4.2.3`; ids must be unique within a message). */
  section: 'planbot.section:',
  feedbackUp: 'planbot.feedback.up',
  feedbackDown: 'planbot.feedback.down',
  /** On a /plan reply (only the asker sees it): post the answer to the channel. */
  post: 'planbot.post',
} as const;

export const SECTION_ACTION = /^planbot\.section:/;
export const FEEDBACK_ACTION = /^planbot\.feedback\.(up|down)$/;

const lang = z.enum(['zh-Hant', 'zh-Hans', 'en']).catch('zh-Hant');

const SectionValue = z.object({ id: z.string().min(1).max(50), lang });
export type SectionValue = z.infer<typeof SectionValue>;

const FeedbackValue = z.object({ q: z.string().max(LIMITS.buttonValue), s: z.array(z.string().max(50)).max(20), v: z.string().max(100), lang });
export type FeedbackValue = z.infer<typeof FeedbackValue>;

const PostValue = z.object({ q: z.string().min(1).max(LIMITS.buttonValue), lang });
export type PostValue = z.infer<typeof PostValue>;

export function sectionValue(id: string, l: ReplyLang): string {
  return JSON.stringify({ id, lang: l } satisfies SectionValue);
}

export function feedbackValue(question: string, sectionIds: readonly string[], version: string, l: ReplyLang): string {
  const value = (q: string) => JSON.stringify({ q, s: sectionIds.slice(0, 20), v: version, lang: l } satisfies FeedbackValue);
  return value(fitQuestion(question, (q) => value(q).length));
}

export function postValue(question: string, l: ReplyLang): string {
  const value = (q: string) => JSON.stringify({ q, lang: l } satisfies PostValue);
  return value(fitQuestion(question, (q) => value(q).length));
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
