import { toSimplified, toTraditional } from '../../engine/text/normalize.js';
import type { TaughtSynonym } from './store.js';

const HAN = /\p{Script=Han}/u;

/** YAML scalar: a JSON string is a valid YAML double-quoted scalar, whatever the word holds. */
const q = (text: string): string => JSON.stringify(text);
const list = (items: readonly string[]): string => `[${items.map(q).join(', ')}]`;

/**
 * Taught synonyms as thesaurus concepts (the thesaurus file's YAML format), one concept
 * per plan word: its preferred labels in zh-Hant and zh-Hans (through OpenCC; English
 * repeats the word when it is Chinese, since no translation is known), and the taught
 * terms as alternative labels by script. The header says the file needs review: an
 * admin moves the concepts into the thesaurus by hand, fixing the English labels.
 */
export async function taughtThesaurusYaml(pairs: readonly TaughtSynonym[], now = new Date()): Promise<string> {
  const byTarget = new Map<string, TaughtSynonym[]>();
  for (const pair of pairs) byTarget.set(pair.targetKey, [...(byTarget.get(pair.targetKey) ?? []), pair]);
  const lines = [
    `# Synonyms taught by PlanBot admins, exported ${now.toISOString()} by \`planbot synonym export\`.`,
    '# NEEDS REVIEW before it joins the thesaurus: English labels repeat the Chinese word where no',
    '# translation is known, and each concept should be merged with the thesaurus concept it belongs to.',
    `concepts:${byTarget.size === 0 ? ' []' : ''}`,
  ];
  let n = 0;
  for (const group of byTarget.values()) {
    const target = group[0]!.target;
    const chinese = HAN.test(target);
    const pref = chinese
      ? { 'zh-Hant': await toTraditional(target), 'zh-Hans': toSimplified(target), en: target }
      : { 'zh-Hant': target, 'zh-Hans': target, en: target };
    const alt: Record<'zh-Hant' | 'zh-Hans' | 'en', string[]> = { 'zh-Hant': [], 'zh-Hans': [], en: [] };
    for (const { term } of group) {
      if (HAN.test(term)) {
        alt['zh-Hant'].push(await toTraditional(term));
        alt['zh-Hans'].push(toSimplified(term));
      } else alt.en.push(term);
    }
    const alts = (Object.entries(alt) as [string, string[]][]).filter(([, words]) => words.length > 0).map(([lang, words]) => `${lang}: ${list([...new Set(words)])}`);
    for (const pair of group) lines.push(`  # ${pair.term} = ${pair.target}: taught by ${pair.taughtBy.name || pair.taughtBy.userId} (${pair.taughtBy.platform}) on ${pair.taughtAt}`);
    lines.push(`  - id: taught-${++n}`);
    lines.push(`    pref: { zh-Hant: ${q(pref['zh-Hant'])}, zh-Hans: ${q(pref['zh-Hans'])}, en: ${q(pref.en)} }`);
    lines.push(`    alt: { ${alts.join(', ')} }`);
  }
  return `${lines.join('\n')}\n`;
}
