/**
 * What buttons carry. Telegram allows 1-64 bytes of callback data and 1-64
 * characters [A-Za-z0-9_-] in a /start deep-link payload, so both hold just a
 * section id.
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
