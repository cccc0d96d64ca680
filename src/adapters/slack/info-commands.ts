import { t } from '../../engine/answer/strings.js';
import { aboutView, documentsView, renderDocumentsText, sectionView, tableOfContents } from '../shared/views.js';
import { lookupSection } from '../shared/section-lookup.js';
import { td } from '../../engine/answer/document-strings.js';
import { asPlanCommands } from './command-names.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { renderSection } from './render-section.js';
import { st } from './strings.js';
import { sectionLike, type Subcommand } from './subcommands.js';

export const helpCommand: Subcommand = {
  name: 'help',
  adminOnly: false,
  async run({ lang }) {
    return st('usage', lang);
  },
};

/** `/plan about`: the document, the index in service, how answers are made, and the database's health. */
export const aboutCommand: Subcommand = {
  name: 'about',
  aliases: ['關於', '关于'],
  adminOnly: false,
  async run({ rt, lang }) {
    const { assistant, desk, answerMode } = rt.services;
    const about = aboutView(assistant);
    const model = /^llm \((.*)\)$/.exec(answerMode)?.[1];
    const lines = [
      `*${escapeMrkdwn(about.title)}*`,
      escapeMrkdwn(st('aboutIndex', lang, { version: about.version, date: about.indexedAt.slice(0, 10), sections: about.sections, embedder: about.embedder })),
      escapeMrkdwn(st('aboutAnswers', lang, { mode: model ? st('modeLlm', lang, { model }) : st('modeExtractive', lang) })),
      ...(await desk.healthLines(lang)).map(escapeMrkdwn),
    ];
    return lines.join('\n');
  },
};

/** `/plan toc`: the chapters and their sections. */
export const tocCommand: Subcommand = {
  name: 'toc',
  aliases: ['目錄', '目录', 'contents'],
  adminOnly: false,
  async run({ rt, lang }) {
    const entries = tableOfContents(rt.services.assistant, 1, lang);
    return [`*${st('tocTitle', lang)}*`, ...entries.map((e) => `${e.depth === 0 ? '' : '    '}${escapeMrkdwn(e.label)}`)].join('\n');
  },
};

/** `/plan docs`: the documents, with title, language, version date and section count. */
export const docsCommand: Subcommand = {
  name: 'docs',
  aliases: ['文件', 'documents'],
  adminOnly: false,
  async run({ rt, lang }) {
    return escapeMrkdwn(asPlanCommands(renderDocumentsText(documentsView(rt.services.assistant, lang), lang)));
  },
};

/** `/plan section 4.2.3`: the section's verbatim text, with a button for the English translation. */
export const sectionCommand: Subcommand = {
  name: 'section',
  aliases: ['章節', '章节'],
  adminOnly: false,
  accepts: sectionLike,
  async run({ rt, args, lang }) {
    const view = sectionView(rt.services.assistant, args, lang);
    if (!view) {
      const lookup = lookupSection(rt.services.assistant.knowledge, args);
      if (!lookup.found && lookup.reason === 'unknownDocument') return escapeMrkdwn(asPlanCommands(td('unknownDocument', lang, { doc: lookup.document })));
      return escapeMrkdwn(asPlanCommands(t('unknownSection', lang, { id: args })));
    }
    return renderSection(view, lang);
  },
};
