import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebApiCall } from '../../fakes/slack-web-api.js';
import { readCurrentVersion } from '../../../src/engine/index/store.js';
import { openTestBotServices, type TestBotServices } from '../../helpers/bot-services.js';
import { blockText, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';
import { planText, snapshot } from '../../helpers/workspace.js';
import { hugeText, paragraphBomb } from './helpers/documents-bombs.js';

/**
 * Issue 15, item 1, through Slack: bomb documents shared with the bot in a DM
 * (real Bolt app, fake Web API serving the file) are refused with the limit
 * named, nothing is written, and a member's direct message asked meanwhile is
 * answered with a citation.
 */

const ADMIN = 'UADMIN';
const ADMIN_DM = 'DADMIN';

let tbs: TestBotServices;
let h: SlackHarness;

beforeAll(async () => {
  tbs = await openTestBotServices({ admins: { slack: [ADMIN] } });
  h = await startSlackHarness({ services: tbs.services });
});

afterAll(async () => {
  await h?.close();
  await tbs?.close();
});

const textOf = (c: WebApiCall) => `${String(c.params.text ?? '')}\n${blockText(c.params.blocks)}`;
const postsTo = (channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === channel);

describe('an admin shares a bomb in a Slack DM while a member asks', () => {
  const cases: [string, string, () => Promise<Uint8Array>, RegExp][] = [
    ['the 0.3 MB .docx that inflates to 100 MB', 'plan.docx', () => paragraphBomb(100), /The document expands to 100\.0 MB of text when unpacked; the limit is 10\.0 MB \(MAX_DOCUMENT_UNPACKED_MB\)/],
    ['a 15 MB .txt', 'plan.txt', async () => hugeText(await planText(), 15), /The document holds 15\.0 MB of text; the limit is 1\.0 MB \(MAX_DOCUMENT_TEXT_MB\)/],
  ];
  cases.forEach(([title, name, make, expected], n) => {
    it(title, async () => {
      const bytes = await make();
      const corpusBefore = await snapshot(tbs.corpusDir);
      const versionBefore = await readCurrentVersion(tbs.indexesDir);
      const memberDm = `DMEMBER${n}`;
      const adminBefore = postsTo(ADMIN_DM).length;
      const file = h.fake.addFile(name, bytes);
      const shared = h.sender.fileShare({ files: [{ ...file }], user: ADMIN, channel: ADMIN_DM });
      const asked = h.sender.message({ channel: memberDm, channel_type: 'im', user: `UMEMBER${n}`, text: 'What does the plan say about water resources cooperation?' });
      expect((await shared).status).toBe(200);
      expect((await asked).status).toBe(200);

      const refusal = await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.channel === ADMIN_DM && postsTo(ADMIN_DM).indexOf(c) >= adminBefore, 30_000);
      expect(textOf(refusal)).toMatch(expected);
      const answer = await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.channel === memberDm, 30_000);
      expect(textOf(answer)).toMatch(/§\d/);
      expect(await snapshot(tbs.corpusDir)).toEqual(corpusBefore);
      expect(await readCurrentVersion(tbs.indexesDir)).toBe(versionBefore);
    }, 60_000);
  });
});
