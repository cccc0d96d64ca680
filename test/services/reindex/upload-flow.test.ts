import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/engine/answer/assistant.js';
import { renderPlainText } from '../../../src/engine/answer/render-text.js';
import { parseDocument } from '../../../src/engine/corpus/parse.js';
import { readCorpusMeta } from '../../../src/engine/corpus/metadata.js';
import { sourceStamp } from '../../../src/engine/answer/translation.js';
import { DocumentRejectedError } from '../../../src/services/reindex/ingest/rejection.js';
import { changedInLatest, comparableText } from '../../../src/engine/index/changes.js';
import { IndexHolder } from '../../../src/engine/index/holder.js';
import { openKnowledgeBase } from '../../../src/engine/index/knowledge-base.js';
import { readCurrentVersion } from '../../../src/engine/index/store.js';
import { renderChanges, renderPreview, renderSwitchReport } from '../../../src/services/reindex/render.js';
import { ReindexError, reindexErrorMessage, type ReindexService } from '../../../src/services/reindex/service.js';
import { docxFile } from '../../helpers/docx.js';
import { imageOnlyPdf } from '../../helpers/pdf.js';
import { PLAN_FILE, createWorkspace, editedPlan, planText, snapshot, type Workspace } from '../../helpers/workspace.js';

const PLAN_ID = 'lmc-plan-2023-2027';

function ids(items: readonly { sectionId: string }[]): string[] {
  return items.map((i) => i.sectionId);
}

describe('updating the plan with an uploaded document', () => {
  let ws: Workspace;
  let service: ReindexService;
  let initial: string;

  beforeEach(async () => {
    ws = await createWorkspace();
    initial = await ws.buildInitial();
    service = ws.service();
  });
  afterEach(async () => {
    await ws.remove();
  });

  async function assistantOnCurrent(): Promise<Assistant> {
    return new Assistant(new IndexHolder(await openKnowledgeBase({ indexesDir: ws.indexesDir, embedder: ws.embedder })));
  }

  it('shows a dry run of the edited plan, writes nothing until confirmed, then switches and reports', async () => {
    const edited = await editedPlan();
    const upload = await docxFile(edited.split('\n').filter((l) => l.trim()));
    const corpusBefore = await snapshot(ws.corpusDir);
    const indexesBefore = await snapshot(ws.indexesDir);

    const preview = await service.previewDocument(`${PLAN_ID}.docx`, upload);
    expect(preview.document).toMatchObject({ docId: PLAN_ID, isNew: false, matchedBy: 'filename', format: 'docx' });
    expect(ids(preview.summary.changed)).toEqual(['4.2.3']);
    expect(ids(preview.summary.added)).toEqual(['4.2.15']);
    expect(ids(preview.summary.removed)).toEqual(['4.3.7']);
    expect(preview.summary.changed[0]!.before).toContain('反壟斷');
    expect(preview.summary.changed[0]!.before).not.toContain('檢驗檢疫');
    expect(preview.summary.changed[0]!.after).toContain('檢驗檢疫和反壟斷');
    expect(preview.summary.added[0]!.excerpt).toContain('數字貿易合作');
    expect(preview.summary.removed[0]!.label).toBe('§4.3.7 民間交流');
    const text = renderPreview(preview);
    expect(text).toContain('§4.2.3 貿易投資便利化');
    expect(text).toMatch(/Confirm/);
    // A dry run touches nothing.
    expect(await snapshot(ws.corpusDir)).toEqual(corpusBefore);
    expect(await snapshot(ws.indexesDir)).toEqual(indexesBefore);

    const report = await service.confirm(preview.id);
    expect(report).toMatchObject({ kind: 'document', switched: true, previousVersion: initial });
    expect(report.version).not.toBe(initial);
    expect(report.tookMs).toBeGreaterThan(0);
    expect(await readCurrentVersion(ws.indexesDir)).toBe(report.version);
    expect(renderSwitchReport(report)).toMatch(new RegExp(`index ${report.version} is now current \\(was ${initial}\\); sections 1 changed, 1 added, 1 removed\\. Took`));

    // corpus/ holds the new text; the old file and the upload are kept in history.
    const saved = await readFile(path.join(ws.corpusDir, PLAN_FILE), 'utf8');
    const sections = (t: string) => parseDocument(t, { docId: PLAN_ID, title: '', language: 'zh-Hant' }).sections.map((s) => [s.id, comparableText(s.text)]);
    expect(sections(saved)).toEqual(sections(edited));
    const history = path.join(ws.corpusDir, report.corpus!.historyDir!);
    expect(await readFile(path.join(history, PLAN_FILE), 'utf8')).toBe(await planText());
    expect(await readFile(path.join(history, 'upload', `${PLAN_ID}.docx`))).toEqual(upload);

    // The translation made for the old 4.2.3 is now marked as such: its stamp no longer matches the text.
    const en = JSON.parse(await readFile(path.join(ws.corpusDir, 'lmc-plan-2023-2027.en.json'), 'utf8')) as { sections: { id: string; sourceHash?: string }[] };
    const current = new Map(parseDocument(saved, { docId: PLAN_ID, title: '', language: 'zh-Hant', dropLines: (await readCorpusMeta(ws.corpusDir)).cleaning.dropLines }).sections.map((s) => [s.id, s.text]));
    const outdated = en.sections.filter((s) => current.has(s.id) && s.sourceHash !== sourceStamp(current.get(s.id)!)).map((s) => s.id);
    expect(outdated).toEqual(['4.2.3']);
  });

  it('after the switch, /changes shows the diff and answers citing a changed section say so, with the date', async () => {
    const preview = await service.previewDocument('plan.txt', Buffer.from(await editedPlan(), 'utf8'), { target: PLAN_ID });
    const report = await service.confirm(preview.id);

    const one = await service.changes('§4.2.3');
    expect(one.sectionId).toBe('4.2.3');
    expect(one.entries).toHaveLength(1);
    expect(one.entries[0]!.diff).toContain('計量、{+檢驗檢疫和+}反壟斷合作{+,推動口岸通關便利化+}。');
    expect(renderChanges(one)).toContain(`between ${initial}`);
    const all = await service.changes();
    expect(all.entries.map((e) => [e.sectionId, e.kind])).toEqual([
      ['4.2.3', 'changed'],
      ['4.2.15', 'added'],
      ['4.3.7', 'removed'],
    ]);
    expect(all.entries[2]!.diff).toBe('[-民間交流。加強婦女、青年、少年兒童、殘疾人、社會組織、紅十字會間交流合作。-]');
    expect(renderChanges(await service.changes('4.2.1'))).toMatch(/did not change/);
    // The English translation of 4.2.3 was made for the old text: /changes lists it for review, for that section only.
    expect(all.outdatedTranslations.map((o) => o.sectionId)).toEqual(['4.2.3']);
    expect(renderChanges(one)).toMatch(/Translations made for an earlier text[\s\S]*§4\.2\.3 貿易投資便利化 \(en: /);
    expect((await service.changes('4.2.1')).outdatedTranslations).toEqual([]);
    expect(renderChanges(await service.changes('9.9.9'))).toMatch(/no section "9.9.9"/);

    const assistant = await assistantOnCurrent();
    const kb = assistant.knowledge;
    const date = report.createdAt.slice(0, 10);
    expect(changedInLatest(kb, '4.2.3')).toEqual({ changedAt: report.createdAt, kind: 'changed' });
    expect(changedInLatest(kb, '4.2.15')).toMatchObject({ kind: 'added' });
    expect(changedInLatest(kb, '4.2.1')).toBeUndefined();

    const answer = await assistant.ask('檢驗檢疫和反壟斷合作有什麼安排?');
    expect(answer.citations.map((c) => c.sectionId)).toContain('4.2.3');
    const notes = answer.parts.filter((p) => p.type === 'note').map((p) => p.text);
    expect(notes).toContain(`§4.2.3 貿易投資便利化 的條文在 ${date} 更新的版本中有修改。`);
    const unchangedAnswer = await assistant.ask('4.2.1');
    expect(unchangedAnswer.parts.filter((p) => p.type === 'note' && p.text.includes('更新的版本'))).toEqual([]);
    const english = await assistant.ask('What does section 4.2.15 say?');
    expect(renderPlainText(english)).toContain(`§4.2.15 數字貿易合作 was added in the version of the plan updated on ${date}.`);
    // The removed section is gone from the version in service.
    expect(kb.section('4.3.7')).toBeUndefined();
  });

  it('matches an updated plan by its content when the file name says nothing', async () => {
    const preview = await service.previewDocument('final version (1).txt', iconv.encode(await editedPlan(), 'big5'));
    expect(preview.document).toMatchObject({ docId: PLAN_ID, matchedBy: 'content', encoding: 'big5' });
    service.cancel(preview.id);
  });

  it('adds a document that matches nothing as a new corpus document', async () => {
    const md = ['# Mekong water data notes', '', '1. Data sharing', '1.1 Hydrological data. The six countries share year-round hydrological data of the Lancang-Mekong river.', '1.2 Flood warnings. Flood and drought warnings are exchanged within 24 hours.'].join('\n');
    const preview = await service.previewDocument('Mekong water notes.md', Buffer.from(md));
    expect(preview.document).toMatchObject({ isNew: true, matchedBy: 'new', docId: 'mekong-water-notes', file: 'mekong-water-notes.txt', title: 'Mekong water data notes' });
    expect(preview.summary.documents).toContainEqual({ docId: 'mekong-water-notes', title: 'Mekong water data notes', status: 'added' });
    expect(ids(preview.summary.added)).toEqual(['0', '1', '1.1', '1.2']); // the title line is its preamble

    const report = await service.confirm(preview.id);
    const meta = JSON.parse(await readFile(path.join(ws.corpusDir, 'corpus.json'), 'utf8')) as { $comment: string; documents: { id: string; language: string }[] };
    expect(meta.$comment).toBeTruthy();
    expect(meta.documents.map((d) => d.id)).toEqual([PLAN_ID, 'mekong-water-notes']);
    expect(meta.documents[1]!.language).toBe('en');
    expect(await readdir(path.join(ws.corpusDir, report.corpus!.historyDir!))).toContain('corpus.json');
    const kb = (await assistantOnCurrent()).knowledge;
    expect(kb.section('1.2', 'mekong-water-notes')?.text).toContain('within 24 hours');
    expect(kb.sections().length).toBe(41); // the plan stays the main document
  });

  it('cancel discards a preview; it cannot be confirmed afterwards', async () => {
    const preview = await service.previewDocument(`${PLAN_ID}.txt`, Buffer.from(await editedPlan()));
    expect(service.cancel(preview.id)).toBe(true);
    expect(service.cancel(preview.id)).toBe(false);
    await expect(service.confirm(preview.id)).rejects.toMatchObject({ code: 'no-pending' });
    expect(await readCurrentVersion(ws.indexesDir)).toBe(initial);
  });

  it('a preview expires', async () => {
    let now = Date.now();
    const clocked = ws.service({ now: () => new Date(now), pendingTtlMs: 60_000 });
    const preview = await clocked.previewDocument(`${PLAN_ID}.txt`, Buffer.from(await editedPlan()));
    now += 61_000;
    await expect(clocked.confirm(preview.id)).rejects.toBeInstanceOf(ReindexError);
  });

  it('a preview made stale by another change in the meantime is refused', async () => {
    const edited = await editedPlan();
    const first = await service.previewDocument(`${PLAN_ID}.txt`, Buffer.from(edited));
    const second = await service.previewDocument(`${PLAN_ID}.txt`, Buffer.from(edited.replace('每年舉行一次外長會', '每兩年舉行一次外長會')));
    const report = await service.confirm(first.id);
    const corpus = await snapshot(ws.corpusDir);
    const err = await service.confirm(second.id).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'stale' });
    expect(reindexErrorMessage(err)).toMatch(/changed since this preview/);
    expect(await readCurrentVersion(ws.indexesDir)).toBe(report.version);
    expect(await snapshot(ws.corpusDir)).toEqual(corpus);
  });

  describe('documents that cannot be used are rejected and change nothing', () => {
    const cases: [string, string, () => Promise<Uint8Array>, string][] = [
      ['a scanned PDF', 'plan.pdf', async () => imageOnlyPdf(), 'scanned-pdf'],
      ['an empty file', `${PLAN_ID}.txt`, async () => new Uint8Array(), 'empty'],
      ['binary data', `${PLAN_ID}.txt`, async () => Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]), 'binary'],
      ['text with no recognisable words', `${PLAN_ID}.txt`, async () => Buffer.from('==== ---- ////\n****\n'), 'no-text'],
      ['the plan without any numbered sections', `${PLAN_ID}.txt`, async () => Buffer.from((await planText()).replace(/^(\d+(\.\d+)+|[一二三四五]、)\s*/gmu, '')), 'no-sections'],
      ['the same text as the version in service', `${PLAN_ID}.md`, async () => Buffer.from(await planText()), 'unchanged'],
      ['an old Word .doc', 'plan.doc', async () => Buffer.from('x'), 'unsupported-format'],
    ];
    for (const [name, filename, bytes, code] of cases) {
      it(name, async () => {
        const corpus = await snapshot(ws.corpusDir);
        const indexes = await snapshot(ws.indexesDir);
        const err = await service.previewDocument(filename, await bytes()).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DocumentRejectedError);
        expect((err as DocumentRejectedError).code).toBe(code);
        expect(reindexErrorMessage(err)).toMatch(/^The document was not used: .+ The index in service is unchanged\.$/s);
        expect(await snapshot(ws.corpusDir)).toEqual(corpus);
        expect(await snapshot(ws.indexesDir)).toEqual(indexes);
      });
    }

    it('a file over MAX_DOCUMENT_MB', async () => {
      const small = ws.service({ maxDocumentBytes: 1024 });
      const corpus = await snapshot(ws.corpusDir);
      const err = await small.previewDocument(`${PLAN_ID}.txt`, Buffer.from(await editedPlan())).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'too-large' });
      expect(await snapshot(ws.corpusDir)).toEqual(corpus);
    });

    it('an unknown target document', async () => {
      const err = await service.previewDocument('plan.txt', Buffer.from(await editedPlan()), { target: 'nope' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'unknown-document' });
    });
  });
});
