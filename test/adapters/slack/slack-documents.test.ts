import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTs } from '../../fakes/slack-requests.js';
import { openTestBotServices, type TestBotServices } from '../../helpers/bot-services.js';
import { tempDir } from '../../helpers/index-fixture.js';
import { copyCorpusWithMinutes, MINUTES_ID, MINUTES_TITLE } from '../../helpers/minutes-corpus.js';
import { blockText, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';

// Meeting minutes were added next to the plan: Slack answers name the document of every
// citation and its section buttons carry it; /plan docs and /plan section minutes:1.2 work.
let tbs: TestBotServices;
let h: SlackHarness;
let cleanupCorpus: () => Promise<void>;

beforeAll(async () => {
  const { dir, cleanup } = await tempDir('planbot-slack-docs-');
  cleanupCorpus = cleanup;
  tbs = await openTestBotServices({ corpusDir: await copyCorpusWithMinutes(path.join(dir, 'corpus')) });
  h = await startSlackHarness({ services: tbs.services });
});
afterAll(async () => {
  await h?.close();
  await tbs?.close();
  await cleanupCorpus?.();
});

async function slash(text: string): Promise<string> {
  const url = h.fake.responseUrl();
  await h.sender.command({ text, response_url: url });
  const reply = await h.fake.waitForResponse((r) => url.endsWith(`/${r.id}`));
  return `${String(reply.body.text ?? '')}\n${blockText(reply.body.blocks)}`;
}

describe('Slack with two documents', () => {
  it('an answer from the minutes names them, and its button opens the minutes’ section in the thread', async () => {
    const ts = nextTs();
    await h.sender.mention({ text: '水文數據多久交換一次?', ts, channel: 'CPLANNING' });
    const post = await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts);
    const text = blockText(post.params.blocks);
    expect(text).toContain(`根據《${MINUTES_TITLE}》:`);
    expect(text).toContain(`《${MINUTES_TITLE}》§2.1 水文數據交換`);
    const elements = (post.params.blocks as { elements?: { action_id?: string; value?: string }[] }[]).flatMap((b) => b.elements ?? []);
    const button = elements.find((e) => e.action_id === 'planbot.section:minutes:2.1')!;
    expect(JSON.parse(button.value!)).toMatchObject({ id: 'minutes:2.1' });

    await h.sender.action({
      user: { id: 'UASKER', name: 'asker' },
      channel: { id: 'CPLANNING', name: 'planning' },
      container: { type: 'message', message_ts: '1700000000.000900', channel_id: 'CPLANNING', is_ephemeral: false, thread_ts: ts },
      message: { type: 'message', ts: '1700000000.000900', thread_ts: ts, text: 'answer' },
      response_url: h.fake.responseUrl(),
      actions: [{ type: 'button', action_id: button.action_id, block_id: 'b1', value: button.value, action_ts: '1700000001.0' }],
    });
    const sectionText = tbs.kb().section('2.1', MINUTES_ID)!.text;
    const opened = await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts && blockText(c.params.blocks).includes(sectionText));
    expect(blockText(opened.params.blocks)).toContain(`*《${MINUTES_TITLE}》§2.1 水文數據交換*`);
  });

  it('/plan docs lists the documents (in the asker’s language)', async () => {
    expect(await slash('docs')).toContain('• Minutes of the LMC Foreign Ministers’ Meeting (2024) (ref minutes; zh-Hant; version of 2024-08-15; 7 sections)');
    const text = await slash('文件');
    expect(text).toContain('瀾湄合作五年行動計畫(2023-2027)(代號 plan;zh-Hant;版本日期 2023-12-25;41 節)');
    expect(text).toContain(`${MINUTES_TITLE}(代號 minutes;zh-Hant;版本日期 2024-08-15;7 節)`);
  });

  it('/plan section takes a document, and finds an id that only the minutes have, with a note', async () => {
    expect(await slash('section minutes:1.2')).toContain('*Minutes of the LMC Foreign Ministers’ Meeting (2024), §1.2 出席人員*');
    const elsewhere = await slash('章節 2.1');
    expect(elsewhere).toContain(`主文件沒有第 2.1 節;以下是《${MINUTES_TITLE}》的第 2.1 節。`);
    expect(elsewhere).toContain('汛期水文數據');
    expect(await slash('section agenda:1.2')).toContain('There is no document "agenda". Use /plan docs to list the documents.');
  });
});
