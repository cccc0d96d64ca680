import readline from 'node:readline/promises';
import type { ReplyLang } from '../../engine/text/i18n.js';
import type { Exchange } from '../../services/desk/follow-up.js';
import type { Actor } from '../../services/access/actor.js';
import { scrubSecrets } from '../../engine/text/secrets.js';
import { runChatCommand, type ChatServices } from './chat-commands.js';
import { askInChat } from './chat-question.js';
import { sharedText } from '../shared/strings.js';

export interface ChatOptions {
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  output?: NodeJS.WritableStream;
  /** The language of fixed replies until the first question; default: English. */
  lang?: ReplyLang;
}

/**
 * The local interactive chat: a question per line, answered through the front door
 * (status cards for progress questions, every question logged) with the previous
 * exchange kept for follow-ups; "/help" lists the commands. A "> " prompt on a
 * terminal only, so piped output stays just the replies.
 */
export async function runChat(services: ChatServices, actor: Actor, options: ChatOptions = {}): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const terminal = Boolean(input.isTTY);
  const kb = services.assistant.knowledge;
  const meta = kb.documentMeta();
  output.write(`PlanBot — ${meta?.title ?? 'plan'} (index ${kb.version}, ${kb.manifest.sections} sections, embedder ${kb.manifest.embedder.name})\n`);
  output.write('Ask in Chinese or English. /help lists the commands, /quit leaves.\n\n');
  const rl = readline.createInterface({ input, output, terminal });
  rl.setPrompt('> ');
  const prompt = () => terminal && rl.prompt();
  let lang = options.lang ?? 'en';
  let exchange: Exchange | undefined;
  try {
    prompt();
    for await (const line of rl) {
      const text = line.trim();
      try {
        if (text.startsWith('/')) {
          const outcome = await runChatCommand(services, text, lang);
          if ('quit' in outcome) break;
          if (outcome.forget) exchange = undefined;
          output.write(`${outcome.reply}\n\n`);
        } else if (text) {
          const turn = await askInChat(services.assistant, services.desk, actor, text, exchange);
          ({ lang, exchange } = turn);
          output.write(`${turn.text}\n\n`);
        }
      } catch (err) {
        // The local user is the admin: the apology says why, without secrets; the chat goes on.
        output.write(`${sharedText('apology', lang)} (${scrubSecrets(err instanceof Error ? err.message : String(err))})\n\n`);
      }
      prompt();
    }
  } finally {
    rl.close();
  }
}
