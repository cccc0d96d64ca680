import type { Logger } from 'pino';
import type { Settings } from './settings.js';
import { combineExpanders } from '../engine/retrieval/combine-expanders.js';
import { createDictionaryBridge } from '../engine/retrieval/dictionary-bridge.js';
import type { QueryExpander } from '../engine/retrieval/retriever.js';
import { createThesaurusBridge } from '../engine/retrieval/thesaurus-bridge.js';
import { createGlossBridge } from '../engine/retrieval/gloss-bridge.js';
import { createSpellingBridge } from '../engine/retrieval/spelling-bridge.js';

/**
 * The query expander every front end's Assistant gets: synonyms admins taught
 * (`taught`, most trusted, so first), then the policy thesaurus of the index version
 * in service (Chinese and English questions), then the CC-CEDICT dictionary bridge for
 * English (Latin-script) questions unless DICTIONARY_BRIDGE=off.
 */
export function defaultExpander(settings: Pick<Settings, 'DICTIONARY_BRIDGE'>, log?: Pick<Logger, 'warn'>, taught?: QueryExpander): QueryExpander | undefined {
  const dictionary = settings.DICTIONARY_BRIDGE ? createDictionaryBridge({ onUnavailable: (err) => log?.warn(err.message) }) : undefined;
  // Chinese words the index lacks reach index words glossed alike (same switch: both are CC-CEDICT).
  const gloss = settings.DICTIONARY_BRIDGE ? createGlossBridge() : undefined;
  // English words neither the index nor the dictionary knows are read as the index word one typo away (helth → health).
  const spelling = settings.DICTIONARY_BRIDGE ? createSpellingBridge() : undefined;
  return combineExpanders(taught, createThesaurusBridge(), dictionary, gloss, spelling);
}
