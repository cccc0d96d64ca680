import type { KnowledgeBase } from '../index/knowledge-base.js';
import { detectLanguage } from '../text/language.js';
import { normalizeForSearch } from '../text/normalize.js';
import { searchTerms, wordBoundaries } from '../text/segment.js';
import { stemEnglish } from '../text/stem.js';
import { isStopword } from '../text/stopwords.js';
import { THESAURUS_LANGS, type ThesaurusConcept, type ThesaurusLang } from '../thesaurus/types.js';
import type { Bridge } from './bridge.js';
import type { QueryExpander, QueryExpansion } from './retriever.js';

/**
 * The thesaurus bridge: concept labels found in a question (Chinese: the normalized,
 * simplified text, longest label first; English: stemmed word sequences) are carried
 * to the labels of the same concept that occur in the indexed text (synonyms, full
 * credit), up the `broader` chain (a specific thing → the category the plan names,
 * at reduced credit per level) and to `related` concepts (lower credit still).
 * Each label the plan has becomes a search term that stands in for the question
 * words it was reached from, so coverage counts the plan's word in place of the
 * asker's; the Bridge says which words were taken for which ("颱風 → 災害").
 */
export interface ThesaurusBridgeOptions {
  /** Weight (and so coverage credit √weight) of a broader concept, per level up the chain. */
  broaderWeights?: readonly number[];
  /** Weight of a related concept. */
  relatedWeight?: number;
}

const DEFAULTS = { broaderWeights: [0.6, 0.45, 0.35], relatedWeight: 0.3 };
/** A Chinese label of one character matches inside too many words to mean anything. */
const MIN_HAN_LABEL = 2;
const MAX_CONCEPTS_PER_MATCH = 16;
/** English labels longer than this many content words are not looked for in the indexed text. */
const MAX_PHRASE_WORDS = 6;
/** Weight of the synonyms of a question word the plan itself uses. */
const PLAN_WORD_SYNONYM_WEIGHT = 0.3;
const HAN = /\p{Script=Han}/u;
const SPACE = /\s/;
const WORD = /[a-z0-9]+/g;

/** A label of a concept that occurs in the index: the form coverage looks for and the BM25 terms it ranks by. */
interface Target {
  /** Coverage form: a simplified Chinese string, a stem, or stems joined by spaces (an English phrase). */
  form: string;
  /** Indexed search terms of the label (BM25). */
  rank: string[];
  lang: ThesaurusLang;
  label: string;
}

interface ConceptEntry {
  concept: ThesaurusConcept;
  targets: Target[];
  broader: number[];
  related: number[];
}

/** The thesaurus of one index version, ready for questions: labels by form, concepts with their indexed labels. */
class ThesaurusMatcher {
  /** Label form → its concept, or its concepts when several share it (most forms name one: no array each). */
  private readonly chinese = new Map<string, Concepts>();
  private readonly english = new Map<string, Concepts>();
  private maxHan = 0;
  private maxWords = 0;
  private readonly zhText: TextIndex;
  /** Every run of up to MAX_PHRASE_WORDS search terms of the indexed text, joined by spaces. */
  private readonly stemGrams: Set<string>;
  readonly entries: ConceptEntry[];

  constructor(kb: KnowledgeBase) {
    const concepts = kb.thesaurus.concepts;
    const index = new Map(concepts.map((c, i) => [c.id, i]));
    this.zhText = new TextIndex(kb.chunks.map((c) => normalizeForSearch(c.text)).join('\n'));
    this.stemGrams = new Set<string>();
    for (const chunk of kb.chunks) {
      const stems = searchTerms(chunk.text);
      for (let i = 0; i < stems.length; i++) for (let n = 1; n <= MAX_PHRASE_WORDS && i + n <= stems.length; n++) this.stemGrams.add(stems.slice(i, i + n).join(' '));
    }
    this.entries = concepts.map((concept) => ({ concept, targets: [], broader: concept.broader.map((id) => index.get(id)!).filter((i) => i !== undefined), related: [] }));
    // related is symmetric: each side sees the other.
    concepts.forEach((c, i) => {
      for (const id of c.related) {
        const j = index.get(id);
        if (j === undefined) continue;
        if (!this.entries[i]!.related.includes(j)) this.entries[i]!.related.push(j);
        if (!this.entries[j]!.related.includes(i)) this.entries[j]!.related.push(i);
      }
    });
    // Labels repeat their words: each is stemmed once, the memo dropped with the build.
    const stems = new Map<string, string>();
    const stem = (word: string): string => {
      let known = stems.get(word);
      if (known === undefined) stems.set(word, (known = stemEnglish(word)));
      return known;
    };
    concepts.forEach((concept, i) => this.addLabels(concept, i, kb, stem));
  }

  /**
   * Files a concept's labels by their question form and records those the index has as targets.
   * One OpenCC pass over the concept's labels (line by line) instead of one per label; a
   * concept at a time, so no copy of all 50 000 labels is ever held at once.
   */
  private addLabels(concept: ThesaurusConcept, i: number, kb: KnowledgeBase, stem: (word: string) => string): void {
    const langs: ThesaurusLang[] = [];
    const labels: string[] = [];
    for (const lang of THESAURUS_LANGS) {
      langs.push(lang);
      labels.push(concept.pref[lang]);
      for (const label of concept.alt[lang] ?? []) {
        langs.push(lang);
        labels.push(label);
      }
    }
    const normalizedAll = normalizeForSearch(labels.map((l) => l.replace(/\n/g, ' ')).join('\n')).split('\n');
    const entry = this.entries[i]!;
    const seen = new Set<string>();
    labels.forEach((label, k) => {
      const lang = langs[k]!;
      const normalized = (normalizedAll[k] ?? normalizeForSearch(label)).trim();
      if (HAN.test(normalized)) {
        const key = SPACE.test(normalized) ? normalized.replace(/\s+/g, '') : normalized;
        if (codePointLength(key) < MIN_HAN_LABEL) return;
        file(this.chinese, key, i);
        this.maxHan = Math.max(this.maxHan, key.length);
        if (!seen.has(key) && this.zhText.has(key)) {
          seen.add(key);
          entry.targets.push({ form: key, rank: searchTerms(label).filter((t) => kb.bm25.has(t)), lang, label });
        }
        return;
      }
      const words = normalized.match(WORD);
      if (!words || words.every((w) => isStopword(w))) return;
      const stems = words.map(stem);
      const key = stems.join(' ');
      file(this.english, key, i);
      this.maxWords = Math.max(this.maxWords, words.length);
      const content = words.some((w) => isStopword(w)) ? stems.filter((_stem, w) => !isStopword(words[w]!)) : stems;
      const form = content === stems ? key : content.join(' ');
      if (!seen.has(form) && this.stemGrams.has(form)) {
        seen.add(form);
        entry.targets.push({ form, rank: content.filter((t) => kb.bm25.has(t)), lang, label });
      }
    });
  }

  /** True when the indexed text has this stretch of a normalized question as it is (Chinese), or its content words in a row (English). */
  inIndex(normalizedSpan: string): boolean {
    if (HAN.test(normalizedSpan)) return this.zhText.has(normalizedSpan.replace(/\s+/g, ''));
    const content = (normalizedSpan.match(WORD) ?? []).filter((w) => !isStopword(w)).map(stemEnglish);
    return content.length > 0 && this.stemGrams.has(content.join(' '));
  }

  /** Concept labels in a question: [start, end) in the normalized text, the concepts, and how the asker wrote it. */
  find(normalized: string): { start: number; end: number; concepts: number[] }[] {
    const found: { start: number; end: number; concepts: number[] }[] = [];
    // A Chinese label counts only as whole words of the question: 水电 is not in 水电费 (the bill).
    const bounds = wordBoundaries(normalized);
    for (let i = 0; i < normalized.length; ) {
      let matched = 0;
      if (HAN.test(normalized[i]!) && bounds.has(i)) {
        for (let len = Math.min(this.maxHan, normalized.length - i); len >= MIN_HAN_LABEL; len--) {
          if (!bounds.has(i + len)) continue;
          const concepts = this.chinese.get(normalized.slice(i, i + len));
          if (concepts !== undefined) {
            found.push({ start: i, end: i + len, concepts: conceptList(concepts) });
            matched = len;
            break;
          }
        }
      }
      i += matched || 1;
    }
    const words = [...normalized.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, stem: stemEnglish(m[0]) }));
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      for (let n = Math.min(this.maxWords, words.length - i); n >= 1; n--) {
        const span = words.slice(i, i + n);
        const concepts = this.english.get(span.map((w) => w.stem).join(' '));
        if (concepts !== undefined) {
          found.push({ start: span[0]!.start, end: span[n - 1]!.end, concepts: conceptList(concepts) });
          matched = n;
          break;
        }
      }
      i += matched || 1;
    }
    return found;
  }
}

/** Substring tests on a fixed text, through the positions of each character pair (thousands of labels, one text). */
class TextIndex {
  private readonly at = new Map<string, number[]>();

  constructor(private readonly text: string) {
    for (let i = 0; i + 1 < text.length; i++) {
      const pair = text.slice(i, i + 2);
      const list = this.at.get(pair);
      if (list) list.push(i);
      else this.at.set(pair, [i]);
    }
  }

  has(needle: string): boolean {
    if (needle.length < 2) return this.text.includes(needle);
    for (const i of this.at.get(needle.slice(0, 2)) ?? []) if (this.text.startsWith(needle, i)) return true;
    return false;
  }
}

/** [...text].length without making the array: 50 000 labels are measured. */
function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point with it.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** One concept index, or several in the order their labels were filed. */
type Concepts = number | number[];

function file(map: Map<string, Concepts>, key: string, value: number): void {
  const known = map.get(key);
  if (known === undefined) map.set(key, value);
  else if (typeof known === 'number') {
    if (known !== value) map.set(key, [known, value]);
  } else if (!known.includes(value)) known.push(value);
}

function conceptList(concepts: Concepts): number[] {
  return typeof concepts === 'number' ? [concepts] : concepts;
}

/** Where each question term sits in the normalized question (terms are in text order). */
function termSpans(normalized: string, terms: readonly string[]): { term: string; start: number; end: number }[] {
  const spans: { term: string; start: number; end: number }[] = [];
  // Runs of one script: in "ngo交流" the English word is "ngo", not the whole run.
  const words = [...normalized.matchAll(/(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu)];
  let cursor = 0;
  for (const term of terms) {
    if (HAN.test(term)) {
      const at = normalized.indexOf(term, cursor);
      if (at >= 0) {
        spans.push({ term, start: at, end: at + term.length });
        cursor = at + term.length;
      }
      continue;
    }
    // An English term is a stem: the word it came from is the next one that stems to it.
    const word = words.find((w) => w.index >= cursor && (w[0] === term || stemEnglish(w[0]) === term));
    if (word) {
      spans.push({ term, start: word.index, end: word.index + word[0].length });
      cursor = word.index + word[0].length;
    }
  }
  return spans;
}

/** The asker's script for a bridge's target label. */
function displayLang(question: string): ThesaurusLang {
  const lang = detectLanguage(question).lang;
  return lang === 'zh-Hans' ? 'zh-Hans' : lang === 'zh-Hant' ? 'zh-Hant' : 'en';
}

/** One matcher per index version, shared by every expander of the process (it takes ~0.2 s to build). */
const matchers = new WeakMap<KnowledgeBase, ThesaurusMatcher>();

function thesaurusMatcher(kb: KnowledgeBase): ThesaurusMatcher {
  let matcher = matchers.get(kb);
  if (!matcher) matchers.set(kb, (matcher = new ThesaurusMatcher(kb)));
  return matcher;
}

export function createThesaurusBridge(options: ThesaurusBridgeOptions = {}): QueryExpander {
  const { broaderWeights, relatedWeight } = { ...DEFAULTS, ...options };

  return (question: string, terms: readonly string[], kb: KnowledgeBase): QueryExpansion => {
    const expansion: QueryExpansion = { terms: new Map(), standsFor: new Map(), bridges: [], rankOnly: new Set() };
    if (kb.thesaurus.concepts.length === 0) return expansion;
    const matcher = thesaurusMatcher(kb);
    const normalized = normalizeForSearch(question);
    const matches = matcher.find(normalized);
    if (matches.length === 0) return expansion;
    const spans = termSpans(normalized, terms);
    const lang = displayLang(question);
    const sameLength = normalized.length === question.length;
    const standsFor = new Map<string, Set<string>>();
    const rankOnly = new Set<string>();
    const forms = new Set<string>();
    const bridges: Bridge[] = [];

    for (const match of matches) {
      const sources = spans.filter((s) => s.start < match.end && s.end > match.start).map((s) => s.term);
      // A label made only of question-shaped words (计划, plan) is not a topic of the question.
      if (sources.length === 0) continue;
      const from = (sameLength ? question.slice(match.start, match.end) : normalized.slice(match.start, match.end)).trim();
      const ownForm = normalized.slice(match.start, match.end);
      // A word the plan itself uses is answered in its own terms: never a broader or related
      // concept (培训 must not drift to 教育), and its synonyms must not pull the ranking to other
      // sections (资金 → 融资).
      // Its synonyms stay, at a weight low enough that the plan's own word leads the ranking.
      const reached = matcher.inIndex(ownForm)
        ? match.concepts.map((i): [number, number, Bridge['relation']] => [i, PLAN_WORD_SYNONYM_WEIGHT, 'synonym'])
        : reach(matcher, match.concepts, broaderWeights, relatedWeight);
      for (const [index, weight, relation] of reached) {
        const entry = matcher.entries[index]!;
        if (entry.targets.length === 0) continue;
        for (const target of entry.targets) {
          if (weight > (expansion.terms.get(target.form) ?? 0)) expansion.terms.set(target.form, weight);
          forms.add(target.form);
          const set = standsFor.get(target.form) ?? new Set<string>();
          for (const s of sources) set.add(s);
          standsFor.set(target.form, set);
          for (const term of target.rank) {
            if (term === target.form) continue;
            if (weight > (expansion.terms.get(term) ?? 0)) expansion.terms.set(term, weight);
            rankOnly.add(term);
          }
        }
        const shown = entry.targets.find((t) => t.lang === lang) ?? entry.targets.find((t) => HAN.test(t.form)) ?? entry.targets[0]!;
        const to = shown.lang === lang || lang === 'en' ? shown.label : entry.concept.pref[lang];
        const targetForms = entry.targets.map((t) => t.form);
        // The question's own word found as is needs no bridge.
        if (relation === 'synonym' && targetForms.includes(ownForm.replace(/\s+/g, ''))) continue;
        if (!bridges.some((b) => b.from === from && b.to === to)) bridges.push({ from, to, via: 'thesaurus', relation, terms: targetForms });
      }
    }
    for (const [form, set] of standsFor) expansion.standsFor!.set(form, [...set]);
    for (const term of rankOnly) if (!forms.has(term)) (expansion.rankOnly as Set<string>).add(term);
    expansion.bridges = bridges;
    return expansion;
  };
}

/** The concepts a match reaches: itself (synonyms), up the broader chain, and related ones, each with its weight. */
function reach(matcher: ThesaurusMatcher, start: readonly number[], broaderWeights: readonly number[], relatedWeight: number): [number, number, Bridge['relation']][] {
  const best = new Map<number, [number, Bridge['relation']]>();
  const offer = (i: number, w: number, r: Bridge['relation']) => {
    if (w > (best.get(i)?.[0] ?? 0)) best.set(i, [w, r]);
  };
  for (const i of start) offer(i, 1, 'synonym');
  let level = start;
  for (const weight of broaderWeights) {
    const next: number[] = [];
    for (const i of level) for (const up of matcher.entries[i]!.broader) {
      offer(up, weight, 'broader');
      next.push(up);
    }
    level = next;
  }
  for (const i of start) for (const r of matcher.entries[i]!.related) offer(r, relatedWeight, 'related');
  return [...best].sort((a, b) => b[1][0] - a[1][0]).slice(0, MAX_CONCEPTS_PER_MATCH).map(([i, [w, r]]) => [i, w, r]);
}
