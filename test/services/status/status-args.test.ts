import { describe, expect, it } from 'vitest';
import { parseSetStatusArgs, parseSetStatusTokens, tokenizeArgs } from '../../../src/services/status/args.js';
import { parseDueDate } from '../../../src/services/status/dates.js';
import { parseStatus, STATUS_VALUES } from '../../../src/services/status/model.js';

describe('/setstatus arguments', () => {
  it('reads the section, the status and quoted fields', () => {
    expect(parseSetStatusArgs('4.2.12 in_progress owner="水利部" due=2027-06-30 note="Feasibility study, phase 2"')).toEqual({
      ok: true,
      value: { sectionInput: '4.2.12', status: 'in_progress', owner: '水利部', dueDate: '2027-06-30', note: 'Feasibility study, phase 2' },
    });
  });

  it('accepts full-width and curly quotes, corner brackets, full-width = and full-width digits', () => {
    const r = parseSetStatusArgs('４．２．１２ 進行中 owner＝“水利部 國際合作司” note=「第一期,已完成」 due=２０２７-０６-３０');
    expect(r).toEqual({ ok: true, value: { sectionInput: '４．２．１２', status: 'in_progress', owner: '水利部 國際合作司', note: '第一期,已完成', dueDate: '2027-06-30' } });
  });

  it('keeps quotes inside a quoted note (escaped) and apostrophes inside words', () => {
    const r = parseSetStatusArgs(`4.2.12 note="He said \\"done\\"; '; DROP TABLE item_status; --"`);
    expect(r.ok && r.value.note).toBe(`He said "done"; '; DROP TABLE item_status; --`);
    const apostrophe = parseSetStatusArgs("4.2.12 owner=Ministry's office");
    expect(apostrophe.ok && apostrophe.value.owner).toBe("Ministry's office");
  });

  it('lets an unquoted field run on until the next field', () => {
    expect(parseSetStatusArgs('4.2.3 done note=signed in June 2025 owner=商務部').ok && parseSetStatusArgs('4.2.3 done note=signed in June 2025 owner=商務部')).toMatchObject({
      value: { note: 'signed in June 2025', owner: '商務部' },
    });
  });

  it('understands statuses in English, Traditional and Simplified Chinese, and two-word forms', () => {
    expect(parseSetStatusArgs('4.2.3 进行中')).toMatchObject({ value: { status: 'in_progress' } });
    expect(parseSetStatusArgs('4.2.3 in progress')).toMatchObject({ value: { status: 'in_progress' } });
    expect(parseSetStatusArgs('4.2.3 未開始')).toMatchObject({ value: { status: 'not_started' } });
    expect(parseSetStatusArgs('4.2.3 已规划')).toMatchObject({ value: { status: 'planned' } });
    expect(parseSetStatusArgs('4.2.3 Done')).toMatchObject({ value: { status: 'done' } });
    expect(parseSetStatusArgs('4.2.3 status=受阻')).toMatchObject({ value: { status: 'blocked' } });
    for (const s of STATUS_VALUES) expect(parseStatus(s)).toBe(s);
  });

  it('clears a field with - or an empty value', () => {
    expect(parseSetStatusArgs('4.2.3 due=- owner= note=""')).toEqual({ ok: true, value: { sectionInput: '4.2.3', dueDate: null, owner: '', note: '' } });
  });

  it('an unknown status is an error naming it', () => {
    expect(parseSetStatusArgs('4.2.12 almost_there')).toEqual({ ok: false, problem: { code: 'unknownStatus', input: 'almost_there' } });
  });

  it('malformed and impossible dates are errors', () => {
    for (const bad of ['2027-6-30', '30/06/2027', '2027-02-29', '2027-13-01', 'soon']) {
      expect(parseSetStatusArgs(`4.2.12 due=${bad}`)).toEqual({ ok: false, problem: { code: 'badDate', input: bad } });
    }
    expect(parseDueDate('2028-02-29')).toBe('2028-02-29');
  });

  it('reports unknown and repeated fields, stray words, open quotes and empty commands', () => {
    expect(parseSetStatusArgs('4.2.12 done colour=red')).toEqual({ ok: false, problem: { code: 'unknownField', field: 'colour' } });
    expect(parseSetStatusArgs('4.2.12 owner=a owner=b')).toEqual({ ok: false, problem: { code: 'duplicateField', field: 'owner' } });
    expect(parseSetStatusArgs('4.2.12 done today')).toEqual({ ok: false, problem: { code: 'unexpectedWord', word: 'today' } });
    expect(parseSetStatusArgs('4.2.12 note="never closed')).toEqual({ ok: false, problem: { code: 'unterminatedQuote', quote: '"' } });
    expect(parseSetStatusArgs('   ')).toEqual({ ok: false, problem: { code: 'usage' } });
    expect(parseSetStatusArgs('4.2.12')).toEqual({ ok: false, problem: { code: 'nothingToChange' } });
    expect(parseSetStatusArgs(`4.2.12 note="${'x'.repeat(2001)}"`)).toEqual({ ok: false, problem: { code: 'tooLong', field: 'note', max: 2000 } });
  });

  it('takes shell words as the CLI receives them (quotes already removed)', () => {
    expect(parseSetStatusTokens(['4.2.12', 'in_progress', 'owner=水利部', 'note=a note, with "quotes"', 'and more'])).toEqual({
      ok: true,
      value: { sectionInput: '4.2.12', status: 'in_progress', owner: '水利部', note: 'a note, with "quotes" and more' },
    });
  });

  it('tokenizes key = value with spaces around =', () => {
    expect(tokenizeArgs('4.2.12 owner = "A B"')).toEqual({ ok: true, value: [{ value: '4.2.12' }, { key: 'owner', value: 'A B' }] });
  });
});
