/** Splits a comma-, semicolon- or space-separated list of ids (e.g. TELEGRAM_ADMIN_IDS) into its ids. */
export function parseIdList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,;]+/)
    .map((v) => v.trim())
    .filter(Boolean);
}
