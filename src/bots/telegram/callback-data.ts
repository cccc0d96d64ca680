/**
 * What buttons carry: sec: (open a section), sl: (section language switch), rx:
 * (re-index confirm/cancel), and fb: (👍/👎, src/questions/feedback.ts).
 * Telegram allows 1-64 bytes of callback data and 1-64 characters [A-Za-z0-9_-]
 * in a /start deep-link payload, so both hold just ids.
 */
export const sectionCallback = (sectionId: string): string => `sec:${sectionId}`;

export function parseSectionCallback(data: string): string | undefined {
  const m = /^sec:([\w.]{1,40})$/.exec(data);
  return m?.[1];
}

/** '4.2.3' → 'sec_4_2_3' (dots are not allowed in a deep-link payload). */
export const sectionDeepLink = (sectionId: string): string => `sec_${sectionId.replace(/\./g, '_')}`;

export function parseSectionDeepLink(payload: string): string | undefined {
  const m = /^sec_([A-Za-z0-9_]{1,40})$/.exec(payload.trim());
  return m ? m[1]!.replace(/_/g, '.') : undefined;
}

/** Which text of a section a /section message shows: the official Chinese or the aligned English translation. */
export type SectionLanguage = 'zh' | 'en';

/** The language switch under a /section message: show `sectionId` in `language`, in place. */
export const sectionLanguageCallback = (sectionId: string, language: SectionLanguage): string => `sl:${language}:${sectionId}`;

export function parseSectionLanguageCallback(data: string): { sectionId: string; language: SectionLanguage } | undefined {
  const m = /^sl:(zh|en):([\w.]{1,40})$/.exec(data);
  return m ? { language: m[1] as SectionLanguage, sectionId: m[2]! } : undefined;
}

/** Confirm / Cancel under a re-index dry run (the preview id is 8 hex digits). */
export const reindexCallback = (previewId: string, confirm: boolean): string => `rx:${confirm ? 'ok' : 'no'}:${previewId}`;

export function parseReindexCallback(data: string): { previewId: string; confirm: boolean } | undefined {
  const m = /^rx:(ok|no):([A-Za-z0-9]{1,40})$/.exec(data);
  return m ? { confirm: m[1] === 'ok', previewId: m[2]! } : undefined;
}
