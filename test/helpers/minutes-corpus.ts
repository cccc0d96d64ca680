import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { copyCorpus } from './index-fixture.js';

/** A second document for multi-document tests: minutes of a (fictional) meeting, numbered like the plan. */
const MINUTES_FILE = 'lmc-fm-minutes-2024.zh-Hant.txt';
export const MINUTES_ID = 'lmc-fm-minutes-2024';
export const MINUTES_TITLE = '瀾湄合作外長會會議紀要(2024)';
export const MINUTES_TEXT = [
  '瀾湄合作外長會會議紀要(2024)',
  '一、會議概況',
  '1.1 時間地點。會議於2024年8月15日在泰國清邁舉行,由泰國外長和中國外長共同主持。',
  '1.2 出席人員。六國外長及國家秘書處代表出席會議。',
  '二、會議成果',
  '2.1 水文數據交換。會議同意每季度交換一次汛期水文數據,並建立數據共享試點項目。',
  '2.2 跨境電商培訓。會議決定舉辦跨境電商培訓班,為中小企業培訓五百人次。',
  '',
].join('\n');

/**
 * The repository's corpus with the minutes added as a second document (alias
 * `minutes`), copied into `into`: what an admin has after ingesting the minutes.
 */
export async function copyCorpusWithMinutes(into: string): Promise<string> {
  await copyCorpus(into);
  await writeFile(path.join(into, MINUTES_FILE), MINUTES_TEXT);
  const metaFile = path.join(into, 'corpus.json');
  const meta = JSON.parse(await readFile(metaFile, 'utf8')) as { documents: unknown[] };
  meta.documents.push({ id: MINUTES_ID, alias: 'minutes', file: MINUTES_FILE, title: MINUTES_TITLE, titleEn: 'Minutes of the LMC Foreign Ministers’ Meeting (2024)', date: '2024-08-15', language: 'zh-Hant', translations: [] });
  await writeFile(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  return into;
}
