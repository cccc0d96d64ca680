import { toHalfWidth } from '../../engine/text/normalize.js';
import { isClearWord, parseDueDate } from './dates.js';
import { parseStatus, type ItemStatus } from './model.js';

/** One word of a command line: `value`, or `key=value` (the value possibly quoted). */
export interface ArgToken {
  key?: string;
  value: string;
}

/** Why a command's arguments were not accepted; rendered by the service in the asker's language. */
export type ArgProblem =
  | { code: 'usage' }
  | { code: 'unterminatedQuote'; quote: string }
  | { code: 'unknownField'; field: string }
  | { code: 'duplicateField'; field: string }
  | { code: 'unexpectedWord'; word: string }
  | { code: 'unknownStatus'; input: string }
  | { code: 'badDate'; input: string }
  | { code: 'tooLong'; field: SetField; max: number }
  | { code: 'nothingToChange' };

export type SetField = 'status' | 'owner' | 'due' | 'note';

/** A parsed /setstatus: the section as typed (checked against the index by the caller) and the changes. */
export interface SetStatusArgs {
  sectionInput: string;
  status?: ItemStatus;
  owner?: string;
  /** YYYY-MM-DD, or null to clear. */
  dueDate?: string | null;
  note?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: ArgProblem };

export const FIELD_LIMITS = { owner: 200, note: 2000 } as const;

/** Field names admins may type, in English and Chinese, folded to traditional script. */
const FIELD_ALIASES: Record<string, SetField> = {};
const ALIASES: Record<SetField, string[]> = {
  status: ['status', 'state', '狀態', '状态'],
  owner: ['owner', 'lead', 'agency', 'lead_agency', '負責', '负责', '負責單位', '负责单位', '牽頭', '牵头', '牽頭單位', '牵头单位', '主辦', '主办'],
  due: ['due', 'due_date', 'duedate', 'deadline', 'date', '期限', '到期', '截止', '截止日期', '完成期限'],
  note: ['note', 'notes', 'comment', 'remark', '備註', '备注', '說明', '说明'],
};
for (const [field, names] of Object.entries(ALIASES) as [SetField, string[]][]) for (const n of names) FIELD_ALIASES[n.toLowerCase()] = field;

export const FIELD_NAMES: readonly SetField[] = ['status', 'owner', 'due', 'note'];

/** Opening quote → the characters that may close it (phones turn " into “ ”, so mixed pairs are accepted). */
const QUOTES: Record<string, string> = {
  '"': '"”“',
  "'": "'’‘",
  '“': '”"',
  '”': '”"',
  '‘': "’'",
  '「': '」',
  '『': '』',
  '＂': '＂"',
  '«': '»',
};

const KEY = /([\p{L}\p{N}_]+)[ \t\u3000]*[=＝][ \t\u3000]*/uy;
const SPACE = /[\s\u3000]/u;

/**
 * Splits a command line into words and `key=value` pairs. A value may be quoted with
 * "…", '…', “…”, 「…」 and similar (a backslash escapes the closing quote); a quote inside
 * a word (Ministry's) is just a character. Unquoted text after a `key=value` continues that
 * value, so `note=done in June` needs no quotes.
 */
export function tokenizeArgs(input: string): Parsed<ArgToken[]> {
  const text = input.trim();
  const tokens: ArgToken[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && SPACE.test(text[i]!)) i++;
  };
  while (true) {
    skipSpace();
    if (i >= text.length) break;
    KEY.lastIndex = i;
    const key = KEY.exec(text);
    if (key) {
      i += key[0].length;
      // `owner= note=…`: an empty value, not a value "note=…".
      KEY.lastIndex = i;
      if (SPACE.test(key[0].at(-1)!) && KEY.test(text)) {
        tokens.push({ key: key[1]!, value: '' });
        continue;
      }
    }
    const opener = text[i]!;
    let value = '';
    let quoted = false;
    if (i < text.length && QUOTES[opener] !== undefined) {
      const closers = QUOTES[opener]!;
      let j = i + 1;
      let closed = false;
      while (j < text.length) {
        const ch = text[j]!;
        if (ch === '\\' && j + 1 < text.length && (closers.includes(text[j + 1]!) || text[j + 1] === '\\')) {
          value += text[j + 1];
          j += 2;
          continue;
        }
        if (closers.includes(ch)) {
          closed = true;
          break;
        }
        value += ch;
        j++;
      }
      if (!closed) return { ok: false, problem: { code: 'unterminatedQuote', quote: opener } };
      i = j + 1;
      quoted = true;
    }
    // Unquoted value (or text glued right after a closing quote) runs to the next space.
    while (i < text.length && !SPACE.test(text[i]!)) value += text[i++];
    const previous = tokens.at(-1);
    if (!key && !quoted && previous?.key !== undefined) {
      previous.value = previous.value ? `${previous.value} ${value}` : value;
      continue;
    }
    tokens.push(key ? { key: key[1]!, value } : { value });
  }
  return { ok: true, value: tokens };
}

/** `/setstatus 4.2.12 in_progress owner="水利部" due=2027-06-30 note="…"`, from the raw argument text. */
export function parseSetStatusArgs(input: string): Parsed<SetStatusArgs> {
  const tokens = tokenizeArgs(input);
  return tokens.ok ? parseSetStatusTokens(tokens.value) : tokens;
}

/**
 * The same, from words already split (the CLI receives them from the shell, quotes removed).
 * Positional words come first: the section, then optionally the status; then fields.
 */
export function parseSetStatusTokens(tokens: readonly (ArgToken | string)[]): Parsed<SetStatusArgs> {
  const list: ArgToken[] = [];
  for (const t of tokens) {
    const token = typeof t === 'string' ? splitKeyValue(t) : { ...t };
    const previous = list.at(-1);
    // Shell words after `note=…` continue it, as in chat: `note=done in June`.
    if (typeof t === 'string' && token.key === undefined && previous?.key !== undefined) previous.value = `${previous.value} ${token.value}`.trim();
    else list.push(token);
  }
  const positional: string[] = [];
  let k = 0;
  while (k < list.length && list[k]!.key === undefined) positional.push(list[k++]!.value);
  const sectionInput = positional.shift();
  if (!sectionInput) return { ok: false, problem: { code: 'usage' } };
  const fields: Partial<Record<SetField, string>> = {};
  if (positional.length > 0) {
    // "in progress" / "not started" may arrive as two words.
    const joined = positional.join(' ');
    if (parseStatus(joined)) {
      fields.status = joined;
    } else {
      fields.status = positional[0]!;
      if (positional.length > 1) return { ok: false, problem: { code: 'unexpectedWord', word: positional[1]! } };
    }
  }
  for (const token of list.slice(k)) {
    if (token.key === undefined) return { ok: false, problem: { code: 'unexpectedWord', word: token.value } };
    const field = FIELD_ALIASES[toHalfWidth(token.key).toLowerCase()];
    if (!field) return { ok: false, problem: { code: 'unknownField', field: token.key } };
    if (fields[field] !== undefined) return { ok: false, problem: { code: 'duplicateField', field } };
    fields[field] = token.value.trim();
  }

  const result: SetStatusArgs = { sectionInput };
  if (fields.status !== undefined) {
    const status = parseStatus(fields.status);
    if (!status) return { ok: false, problem: { code: 'unknownStatus', input: fields.status } };
    result.status = status;
  }
  if (fields.due !== undefined) {
    if (fields.due === '' || isClearWord(fields.due)) result.dueDate = null;
    else {
      const date = parseDueDate(fields.due);
      if (!date) return { ok: false, problem: { code: 'badDate', input: fields.due } };
      result.dueDate = date;
    }
  }
  for (const field of ['owner', 'note'] as const) {
    const value = fields[field === 'owner' ? 'owner' : 'note'];
    if (value === undefined) continue;
    if (value.length > FIELD_LIMITS[field]) return { ok: false, problem: { code: 'tooLong', field, max: FIELD_LIMITS[field] } };
    result[field] = isClearWord(value) ? '' : value;
  }
  if (result.status === undefined && result.owner === undefined && result.dueDate === undefined && result.note === undefined) {
    return { ok: false, problem: { code: 'nothingToChange' } };
  }
  return { ok: true, value: result };
}

/** A shell word `owner=水利部` → key and value (the shell already removed any quotes). */
function splitKeyValue(word: string): ArgToken {
  const m = /^([\p{L}\p{N}_]+)\s*[=＝](.*)$/su.exec(word);
  return m ? { key: m[1]!, value: m[2]! } : { value: word };
}
