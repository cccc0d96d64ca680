import type { Logger } from 'pino';
import type { KnowledgeBase } from './knowledge-base.js';

/** What a hook learns when a new index version has gone into service in this process. */
export interface SwitchEvent {
  kb: KnowledgeBase;
  previous: KnowledgeBase;
  /** Every section id of the main document in the new version (e.g. for status records: flagMissingSections). */
  sectionIds: string[];
  /** Main-document section ids the previous version had and the new one does not. */
  removedSectionIds: string[];
}

export type SwitchHook = (event: SwitchEvent) => void | Promise<void>;

/**
 * Work to do after each switch (flag status records of removed sections, clear
 * caches…). A failing hook is logged and never undoes or blocks the switch.
 */
export class SwitchHooks {
  private readonly hooks = new Map<string, SwitchHook>();

  /** Registers a hook under a name (a second add with the same name replaces it); returns a remover. */
  add(name: string, hook: SwitchHook): () => void {
    this.hooks.set(name, hook);
    return () => {
      if (this.hooks.get(name) === hook) this.hooks.delete(name);
    };
  }

  get names(): string[] {
    return [...this.hooks.keys()];
  }

  async run(kb: KnowledgeBase, previous: KnowledgeBase, log?: Logger): Promise<void> {
    const event = switchEvent(kb, previous);
    for (const [name, hook] of this.hooks) {
      try {
        await hook(event);
      } catch (err) {
        log?.error({ hook: name, version: kb.version, err: (err as Error).message }, 'a post-switch hook failed; the new index version stays in service');
      }
    }
  }
}

function switchEvent(kb: KnowledgeBase, previous: KnowledgeBase): SwitchEvent {
  const sectionIds = kb.sections().map((s) => s.id);
  const now = new Set(sectionIds);
  const removedSectionIds = previous.sections(kb.primaryDocId).map((s) => s.id).filter((id) => !now.has(id));
  return { kb, previous, sectionIds, removedSectionIds };
}
