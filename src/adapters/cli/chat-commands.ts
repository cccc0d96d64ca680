import type { Assistant } from '../../engine/answer/assistant.js';
import { t } from '../../engine/answer/strings.js';
import type { ReplyLang } from '../../engine/text/i18n.js';
import type { Desk } from '../../services/desk/desk.js';
import { aboutView, documentsView, renderDocumentsText, tableOfContents } from '../shared/views.js';
import { COMMAND_DESCRIPTIONS, sharedText } from '../shared/strings.js';
import { cs } from './chat-strings.js';
import { sectionText } from './section.js';

/** What the chat's commands read: the Assistant, the desk (status tracking, its health), and the answer mode for /about. */
export interface ChatServices {
  assistant: Assistant;
  desk: Desk;
  /** 'extractive' or 'llm (<model>)' (describeAnswerMode). */
  answerMode: string;
}

/** A command's effect on the chat: a reply to print, and whether to forget the conversation or leave. */
export type CommandOutcome = { reply: string; forget?: boolean } | { quit: true };

type Command = (services: ChatServices, args: string, lang: ReplyLang) => CommandOutcome | Promise<CommandOutcome>;

const COMMANDS: Record<string, Command> = {
  help: (_s, _a, lang) => ({ reply: helpText(lang) }),
  toc: ({ assistant }, _a, lang) => ({ reply: tocText(assistant, lang) }),
  about: async (services, _a, lang) => ({ reply: await aboutText(services, lang) }),
  // /status (overview by chapter), /status 4.2.12 (the item's card), /status in_progress (the items with it): as on Telegram.
  status: async ({ desk }, args, lang) => ({ reply: (await desk.status.status(args, lang)).text }),
  section: ({ assistant }, args, lang) => ({ reply: args ? sectionText(assistant, args).text : sharedText('sectionUsage', lang) }),
  docs: ({ assistant }, _a, lang) => ({ reply: renderDocumentsText(documentsView(assistant, lang), lang) }),
  new: (_s, _a, lang) => ({ reply: cs('cleared', lang), forget: true }),
  quit: () => ({ quit: true }),
  exit: () => ({ quit: true }),
  q: () => ({ quit: true }),
};

/** A line starting with "/": the command's outcome, or a polite "unknown command" (never sent to the Assistant). */
export async function runChatCommand(services: ChatServices, line: string, lang: ReplyLang): Promise<CommandOutcome> {
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(line.trim());
  const name = (match?.[1] ?? '').toLowerCase();
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) return { reply: cs('unknownCommand', lang, { command: (match?.[1] ?? '').slice(0, 40) }) };
  return command(services, (match?.[2] ?? '').trim(), lang);
}

function helpText(lang: ReplyLang): string {
  const d = COMMAND_DESCRIPTIONS;
  return [
    t('greeting', lang),
    cs('followUps', lang),
    '',
    cs('commandsHeading', lang),
    `/section 4.2.3 — ${d.section[lang]}`,
    `/status [4.2.12] — ${d.status[lang]}`,
    `/toc — ${d.toc[lang]}`,
    `/docs — ${d.docs[lang]}`,
    `/about — ${d.about[lang]}`,
    `/help — ${d.help[lang]}`,
    `/new — ${cs('newCommand', lang)}`,
    `/quit — ${cs('quitCommand', lang)}`,
  ].join('\n');
}

/** The chapters and their sections, indented as in Slack's /plan toc. */
function tocText(assistant: Assistant, lang: ReplyLang): string {
  const entries = tableOfContents(assistant, 1, lang);
  return [COMMAND_DESCRIPTIONS.toc[lang], ...entries.map((e) => `${e.depth === 0 ? '' : '    '}${e.label}`)].join('\n');
}

/** What Telegram's /about says, as plain text: document, index, embedder, answer mode, database health. */
async function aboutText({ assistant, desk, answerMode }: ChatServices, lang: ReplyLang): Promise<string> {
  const about = aboutView(assistant);
  const model = /^llm \((.*)\)$/.exec(answerMode)?.[1];
  const mode = model !== undefined ? sharedText('answerModeLlm', lang, { model }) : answerMode === 'extractive' ? sharedText('answerModeExtractive', lang) : answerMode;
  const line = (label: string, value: string | number) => `${label}: ${value}`;
  return [
    line(sharedText('aboutTitle', lang), about.title),
    line(sharedText('aboutVersion', lang), about.version),
    line(sharedText('aboutIndexedAt', lang), about.indexedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')),
    line(sharedText('aboutEmbedder', lang), about.embedder),
    line(sharedText('aboutSections', lang), about.sections),
    line(sharedText('aboutAnswers', lang), mode),
    '',
    ...(await desk.healthLines(lang)),
  ].join('\n');
}
