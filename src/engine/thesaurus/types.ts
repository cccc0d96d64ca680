/** The three languages every concept is labelled in. */
/** The thesaurus lives in this folder of the corpus: corpus/thesaurus/*.yaml. */
export const THESAURUS_DIR = 'thesaurus';

export const THESAURUS_LANGS = ['zh-Hant', 'zh-Hans', 'en'] as const;
export type ThesaurusLang = (typeof THESAURUS_LANGS)[number];

/** One concept of the policy thesaurus, as validated from corpus/thesaurus/*.yaml. */
export interface ThesaurusConcept {
  /** kebab-case, unique across all files. */
  id: string;
  /** Preferred label in each language. */
  pref: Record<ThesaurusLang, string>;
  /** Synonyms, abbreviations, colloquial words, misspellings, per language. */
  alt: Partial<Record<ThesaurusLang, string[]>>;
  /** More general concepts (narrower → broader). */
  broader: string[];
  /** Neighbouring concepts (symmetric: each side sees the other). */
  related: string[];
  /** The file it came from, relative to the thesaurus folder (for messages). */
  file: string;
}

/** The validated thesaurus an index version carries. */
export interface Thesaurus {
  /** sha256 over the files read (empty string for no thesaurus). */
  hash: string;
  concepts: ThesaurusConcept[];
}

export const EMPTY_THESAURUS: Thesaurus = { hash: '', concepts: [] };

/** A problem in the thesaurus files, said so an admin can find and fix it. */
export interface ThesaurusIssue {
  file: string;
  /** 1-based line, when known (YAML syntax errors). */
  line?: number;
  conceptId?: string;
  field?: string;
  message: string;
}

export function formatIssue(issue: ThesaurusIssue): string {
  const where = `${issue.file}${issue.line ? `:${issue.line}` : ''}`;
  const what = [issue.conceptId ? `concept "${issue.conceptId}"` : '', issue.field ?? ''].filter(Boolean).join(' ');
  return `${where}: ${what ? `${what}: ` : ''}${issue.message}`;
}

export interface ThesaurusStats {
  files: number;
  concepts: number;
  labels: Record<ThesaurusLang, number>;
  broader: number;
  related: number;
}

/** Every label of a concept with its language: preferred first. */
export function labelsOf(concept: ThesaurusConcept): { lang: ThesaurusLang; label: string }[] {
  const out: { lang: ThesaurusLang; label: string }[] = [];
  for (const lang of THESAURUS_LANGS) {
    out.push({ lang, label: concept.pref[lang] });
    for (const label of concept.alt[lang] ?? []) out.push({ lang, label });
  }
  return out;
}
