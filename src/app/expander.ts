import type { Logger } from '../config/logger.js';
import type { Settings } from '../config/settings.js';
import { createDictionaryBridge } from '../retrieval/dictionary-bridge.js';
import type { QueryExpander } from '../retrieval/retriever.js';

/**
 * The query expander every front end's Assistant gets: the CC-CEDICT dictionary
 * bridge for English (Latin-script) questions unless DICTIONARY_BRIDGE=off.
 * Chinese questions pass through it unchanged.
 */
export function defaultExpander(settings: Pick<Settings, 'DICTIONARY_BRIDGE'>, log?: Pick<Logger, 'warn'>): QueryExpander | undefined {
  if (!settings.DICTIONARY_BRIDGE) return undefined;
  return createDictionaryBridge({ onUnavailable: (err) => log?.warn(err.message) });
}
