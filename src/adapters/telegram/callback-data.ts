/**
 * What buttons carry: sec: (open a section), sl: (section language switch), rx:
 * (re-index confirm/cancel), and fb: (👍/👎, src/services/questions/feedback.ts).
 * Telegram allows 1-64 bytes of callback data and 1-64 characters [A-Za-z0-9_-]
 * in a /start deep-link payload, so both hold just ids.
 */
export const sectionCallback = (sectionRef: string): string => `sec:${sectionRef}`;

/** Telegram refuses a button whose callback data is over 64 bytes: such a button is left out. */
const MAX_CALLBACK_BYTES = 64;

export function fitsCallback(data: string): boolean {
  return Buffer.byteLength(data, 'utf8') <= MAX_CALLBACK_BYTES;
}

/** A section ref: '4.2.3' in the main document, 'minutes:1.2' (document id or alias first) in another. */
const SECTION_REF = /^(?:[A-Za-z][\w.-]{0,40}:)?[\w.]{1,40}$/;

export function parseSectionCallback(data: string): string | undefined {
  const ref = data.startsWith('sec:') ? data.slice(4) : undefined;
  return ref && SECTION_REF.test(ref) ? ref : undefined;
}

/**
 * '4.2.3' → 'sec_4_2_3' (dots are not allowed in a deep-link payload); a section of another
 * document, 'minutes:1.2' → 'doc_' + base64url of the ref (payloads allow [A-Za-z0-9_-] only).
 * Undefined when it would exceed Telegram's 64 characters.
 */
export function sectionDeepLink(sectionRef: string): string | undefined {
  const link = sectionRef.includes(':') ? `doc_${Buffer.from(sectionRef, 'utf8').toString('base64url')}` : `sec_${sectionRef.replace(/\./g, '_')}`;
  return link.length <= 64 ? link : undefined;
}

export function parseSectionDeepLink(payload: string): string | undefined {
  const text = payload.trim();
  const doc = /^doc_([A-Za-z0-9_-]{1,60})$/.exec(text);
  if (doc) {
    const ref = Buffer.from(doc[1]!, 'base64url').toString('utf8');
    return SECTION_REF.test(ref) ? ref : undefined;
  }
  const m = /^sec_([A-Za-z0-9_]{1,40})$/.exec(text);
  return m ? m[1]!.replace(/_/g, '.') : undefined;
}

/** Which text of a section a /section message shows: the official Chinese or the aligned English translation. */
export type SectionLanguage = 'zh' | 'en';

/** The language switch under a /section message: show `sectionId` in `language`, in place. */
export const sectionLanguageCallback = (sectionId: string, language: SectionLanguage): string => `sl:${language}:${sectionId}`;

export function parseSectionLanguageCallback(data: string): { sectionId: string; language: SectionLanguage } | undefined {
  const m = /^sl:(zh|en):(.{1,60})$/.exec(data);
  return m && SECTION_REF.test(m[2]!) ? { language: m[1] as SectionLanguage, sectionId: m[2]! } : undefined;
}

/** Confirm / Cancel under a re-index dry run (the preview id is 8 hex digits). */
export const reindexCallback = (previewId: string, confirm: boolean): string => `rx:${confirm ? 'ok' : 'no'}:${previewId}`;

export function parseReindexCallback(data: string): { previewId: string; confirm: boolean } | undefined {
  const m = /^rx:(ok|no):([A-Za-z0-9]{1,40})$/.exec(data);
  return m ? { confirm: m[1] === 'ok', previewId: m[2]! } : undefined;
}
