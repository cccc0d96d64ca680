import type { KnowledgeBase } from '../../src/engine/index/knowledge-base.js';

/** An index that only knows which section numbers exist: all the engine's question reader asks of it. */
export function knownSections(ids: readonly string[], version = 'v1'): Pick<KnowledgeBase, 'section' | 'version'> {
  const known = new Set(ids);
  const section = (id: string) => (known.has(id) ? ({ id } as unknown as ReturnType<KnowledgeBase['section']>) : undefined);
  return { version, section: section as KnowledgeBase['section'] };
}
