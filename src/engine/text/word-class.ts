import { glossKey, sharedCedictIndex } from './cedict.js';
import { wordTag } from './segment.js';

/**
 * jieba's part-of-speech classes of words that shape a question rather than name
 * its topic: time words (过后, 现在), pronouns, adverbs, prepositions, conjunctions,
 * particles, numerals, measure words, directions. Tags are rough, so only these
 * broad classes are trusted.
 */
const SHAPE_TAGS = /^(t|tg|r|rr|rz|d|dg|p|c|u[a-z]?|y|e|o|m|mq|q|f)$/;
const cache = new Map<string, boolean>();

/**
 * True for a search term that carries the shape of a question, not its topic: a
 * Chinese word of the classes above, or an English -ly adverb ("currently").
 * Used for words the plan does not have, which otherwise weigh most in coverage.
 */
export function isShapeWord(term: string): boolean {
  let shape = cache.get(term);
  if (shape === undefined) {
    shape = /\p{Script=Han}/u.test(term) ? SHAPE_TAGS.test(wordTag(term)) : /^[a-z]{4,}ly$/.test(term);
    if (cache.size > 10_000) cache.clear();
    cache.set(term, shape);
  }
  return shape;
}

/** jieba classes of names and things (nouns, places, organisations, abbreviations). */
const NOUN_TAGS = /^(n|nr|nrt|nrfg|ns|nt|nz|ng|j|eng|x)$/;

/**
 * True for a Chinese word that names a thing (a noun or a name, or a word jieba
 * does not know as one): what a question is about, as opposed to how it asks.
 */
export function isNounLike(term: string): boolean {
  return NOUN_TAGS.test(wordTag(term));
}

/** jieba classes of actions and qualities: verbs and adjectives (not verbal nouns such as 交流, vn). */
const ACTION_TAGS = /^(v|vd|vi|a|ad)$/;

/**
 * True for a word that says what is done to a topic rather than what the topic is:
 * a Chinese verb or adjective (写进去, 整合, 修复), or an English word whose closest
 * CC-CEDICT headword is one (check → 检查, attract → 吸引). Such a word, when the
 * plan lacks it, usually frames the question in the asker's words.
 */
export function isActionWord(term: string): boolean {
  if (/\p{Script=Han}/u.test(term)) return ACTION_TAGS.test(wordTag(term));
  const best = closestHeadword(term);
  return best !== undefined && best.length >= 2 && ACTION_TAGS.test(wordTag(best));
}

/** The CC-CEDICT headword glossed by exactly this English word with the largest share of its meanings. */
function closestHeadword(word: string): string | undefined {
  const key = glossKey(word);
  if (!key) return undefined;
  const dictionary = sharedCedictIndex();
  if (dictionary instanceof Error) return undefined;
  return dictionary
    .lookup([key])
    .filter((m) => m.specificity === 1)
    .sort((a, b) => b.share - a.share || a.headword.length - b.headword.length)[0]?.headword;
}

/**
 * True for the name of a place (泰国, 湄公河, Thailand): jieba's place class, for English
 * through the closest CC-CEDICT headword. The plan is about these places throughout,
 * so a place names where a question is set, rarely what it is about.
 */
export function isPlaceName(term: string): boolean {
  let place = places.get(term);
  if (place === undefined) {
    const headword = /\p{Script=Han}/u.test(term) ? term : closestHeadword(term);
    // jieba's place class alone is loose (台风 is one): CC-CEDICT, when it glosses the word, must gloss it as a proper noun.
    const dictionary = sharedCedictIndex();
    place = headword !== undefined && headword.length >= 2 && wordTag(headword) === 'ns' && (dictionary instanceof Error || dictionary.isProperNoun(headword) !== false);
    if (places.size > 10_000) places.clear();
    places.set(term, place);
  }
  return place;
}

const places = new Map<string, boolean>();

const englishNouns = new Map<string, boolean>();

/**
 * True for an English word whose closest CC-CEDICT headword (the one glossed by
 * exactly this word, with the largest share of its meanings) is a noun or a name
 * to jieba: "dog" → 狗, "wedding" → 婚礼, but not "tomorrow" → 明天 (a time word).
 * False when the dictionary is not available.
 */
export function isEnglishNoun(word: string): boolean {
  const key = glossKey(word);
  let noun = englishNouns.get(key);
  if (noun === undefined) {
    const dictionary = sharedCedictIndex();
    if (dictionary instanceof Error || !key) return false;
    const best = dictionary
      .lookup([key])
      .filter((m) => m.specificity === 1)
      .sort((a, b) => b.share - a.share || a.headword.length - b.headword.length)[0];
    // A one-character headword (狗) counts only when jieba itself tags it a noun: its guesses (x) are for compounds.
    noun = best !== undefined && (best.headword.length >= 2 ? isNounLike(best.headword) : wordTag(best.headword) === 'n');
    if (englishNouns.size > 10_000) englishNouns.clear();
    englishNouns.set(key, noun);
  }
  return noun;
}

/** jieba classes of proper names: places, transliterated and full names (not nr, which jieba also guesses for unknown compounds such as 修铁路). */
const PROPER_NAME_TAGS = /^(nrt|nrfg|ns)$/;

/** True for a Chinese word jieba knows as the name of a person or a place (木星 is not one; 澳大利亚 is). */
export function isChineseProperName(term: string): boolean {
  return /\p{Script=Han}/u.test(term) && PROPER_NAME_TAGS.test(wordTag(term));
}
