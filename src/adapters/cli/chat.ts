import readline from 'node:readline/promises';
import type { Assistant } from '../../engine/answer/assistant.js';
import { renderPlainText } from '../../engine/answer/render-text.js';
import type { ConversationContext } from '../../engine/answer/types.js';
import { renderSectionText } from './section.js';
import { documentsView, renderDocumentsText } from '../shared/views.js';

/**
 * The local interactive chat: a question per line; "/section 4.2.3" shows a
 * section; the previous exchange is kept as context for follow-ups.
 */
export async function runChat(assistant: Assistant, input = process.stdin, output = process.stdout): Promise<void> {
  const kb = assistant.knowledge;
  const meta = kb.documentMeta();
  output.write(`PlanBot — ${meta?.title ?? 'plan'} (index ${kb.version}, ${kb.manifest.sections} sections, embedder ${kb.manifest.embedder.name})\n`);
  output.write('Ask in Chinese or English. /section 4.2.3 shows a section (minutes:1.2 in another document), /docs lists the documents, /new forgets the conversation, /quit leaves.\n\n');
  const rl = readline.createInterface({ input, output, terminal: Boolean((input as NodeJS.ReadStream).isTTY) });
  let context: ConversationContext | undefined;
  try {
    for await (const line of rl) {
      const text = line.trim();
      if (!text) continue;
      if (/^\/(quit|exit|q)$/i.test(text)) break;
      if (/^\/new$/i.test(text)) {
        context = undefined;
        output.write('(conversation cleared)\n\n');
        continue;
      }
      if (/^\/docs$/i.test(text)) {
        output.write(`${renderDocumentsText(documentsView(assistant, 'en'), 'en')}\n\n`);
        continue;
      }
      const sectionCmd = /^\/section\s+(.+)$/i.exec(text);
      if (sectionCmd) {
        output.write(`${renderSectionText(assistant, sectionCmd[1]!)}\n\n`);
        continue;
      }
      try {
        const answer = await assistant.ask(text, context);
        output.write(`${renderPlainText(answer)}\n\n`);
        if (!answer.abstained && answer.kind !== 'help') context = { previousQuestion: answer.question, previousCitations: answer.citations.map((c) => c.sectionId) };
      } catch (err) {
        output.write(`Sorry, something went wrong answering that (${(err as Error).message}). Please try again.\n\n`);
      }
    }
  } finally {
    rl.close();
  }
}
