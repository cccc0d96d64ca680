import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackWebApi } from '../../fakes/slack-web-api.js';
import { downloadSlackFile, FileDownloadError } from '../../../src/adapters/slack/file-download.js';
import { DocumentRejectedError } from '../../../src/services/reindex/ingest/rejection.js';

const TOKEN = 'xoxb-files-test-token';

let fake: FakeSlackWebApi;
let elsewhere: http.Server;
let elsewhereHits = 0;
let elsewhereUrl: string;

beforeAll(async () => {
  fake = await FakeSlackWebApi.start({ token: TOKEN });
  elsewhere = http.createServer((_req, res) => {
    elsewhereHits++;
    res.end('stolen');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/files-pri/T-F1/download/x.txt`;
});

afterAll(async () => {
  await fake?.close();
  elsewhere?.closeAllConnections();
  await new Promise<void>((resolve) => elsewhere?.close(() => resolve()));
});

const bytes = (n: number) => new Uint8Array(n).fill(65);

describe('downloading a shared file from Slack', () => {
  it('fetches the bytes with the bot token', async () => {
    const file = fake.addFile('plan.txt', bytes(1000));
    const got = await downloadSlackFile(file, { token: TOKEN, maxBytes: 5000, apiUrl: fake.apiUrl });
    expect(got).toEqual(bytes(1000));
    expect(fake.downloadsOf(file.id).map((d) => d.token)).toEqual([TOKEN]);
  });

  it('never sends the token to a link that does not point to Slack', async () => {
    const attempt = downloadSlackFile({ id: 'F1', name: 'x.txt', url_private_download: elsewhereUrl }, { token: TOKEN, maxBytes: 5000, apiUrl: fake.apiUrl });
    await expect(attempt).rejects.toThrow(FileDownloadError);
    await expect(attempt).rejects.toThrow(/points to 127\.0\.0\.1:\d+, not to Slack/);
    expect(elsewhereHits).toBe(0);
    // Without SLACK_API_URL only https://*.slack.com is trusted.
    await expect(downloadSlackFile({ id: 'F1', url_private_download: `${fake.origin}/files-pri/x` }, { token: TOKEN, maxBytes: 10 })).rejects.toThrow(/not to Slack/);
  });

  it('asks files.info for the link when the event did not carry one', async () => {
    const file = fake.addFile('b.md', bytes(10));
    const client = new webApi.WebClient(TOKEN, { slackApiUrl: fake.apiUrl });
    const got = await downloadSlackFile({ id: file.id, name: 'b.md' }, { token: TOKEN, maxBytes: 100, apiUrl: fake.apiUrl, client });
    expect(got).toEqual(bytes(10));
  });

  it('stops reading beyond the limit even when Slack announced a smaller file', async () => {
    const file = fake.addFile('big.txt', bytes(10_000), { size: 10 });
    const attempt = downloadSlackFile({ ...file }, { token: TOKEN, maxBytes: 4000, apiUrl: fake.apiUrl });
    await expect(attempt).rejects.toThrow(DocumentRejectedError);
    await expect(attempt).rejects.toMatchObject({ code: 'too-large' });
  });

  it('explains Slack\'s sign-in page (a token without access) instead of reading it as the document', async () => {
    const file = fake.addFile('c.txt', bytes(10));
    await expect(downloadSlackFile(file, { token: 'xoxb-some-other-token', maxBytes: 100, apiUrl: fake.apiUrl })).rejects.toThrow(/web page instead of the file; check that the app has the files:read scope/);
  });
});
