import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { sha256 } from '../text/sha256.js';
import { labelsOf, THESAURUS_LANGS, type Thesaurus, type ThesaurusConcept, type ThesaurusIssue, type ThesaurusLang, type ThesaurusStats } from './types.js';

/** Longer labels are sentences, not words a question would contain. */
const MAX_LABEL_CHARS = 40;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const Label = z
  .string({ error: 'must be text' })
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, 'is empty')
  .refine((s) => [...s].length <= MAX_LABEL_CHARS, `is longer than ${MAX_LABEL_CHARS} characters`);
const LabelsByLang = z.object(Object.fromEntries(THESAURUS_LANGS.map((l) => [l, Label])) as Record<ThesaurusLang, typeof Label>, { error: 'must give zh-Hant, zh-Hans and en' }).strict();
const AltLabels = z
  .object(Object.fromEntries(THESAURUS_LANGS.map((l) => [l, z.array(Label, { error: 'must be a list of labels' }).optional()])) as Record<ThesaurusLang, z.ZodOptional<z.ZodArray<typeof Label>>>)
  .strict();
const Ids = z.array(z.string({ error: 'must be a concept id' }), { error: 'must be a list of concept ids' });

const ConceptSchema = z
  .object({
    id: z.string({ error: 'is missing' }).regex(ID, 'must be kebab-case (lower-case letters, digits and hyphens), e.g. public-health'),
    pref: LabelsByLang,
    alt: AltLabels.optional(),
    broader: Ids.optional(),
    related: Ids.optional(),
  })
  .strict();
const FileSchema = z.object({ concepts: z.array(z.unknown(), { error: 'must be a list' }) }, { error: 'the file must have a top-level "concepts:" list' });

export interface ThesaurusFile {
  /** Path relative to the thesaurus folder, e.g. health.yaml. */
  name: string;
  text: string;
}

export interface ParsedThesaurus {
  thesaurus: Thesaurus;
  issues: ThesaurusIssue[];
  stats: ThesaurusStats;
}

/**
 * Reads and validates thesaurus files: YAML syntax (with line numbers), the shape
 * of each concept, then what only the whole set can tell — duplicate ids, broader
 * and related ids that name no concept, and cycles in the broader chain.
 * Every problem is returned (not just the first), each naming file, concept and field.
 */
export function parseThesaurus(files: readonly ThesaurusFile[]): ParsedThesaurus {
  const issues: ThesaurusIssue[] = [];
  const concepts: ThesaurusConcept[] = [];
  const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));
  for (const file of sorted) concepts.push(...parseFile(file, issues));

  const byId = new Map<string, ThesaurusConcept>();
  for (const c of concepts) {
    const first = byId.get(c.id);
    if (first) issues.push({ file: c.file, conceptId: c.id, field: 'id', message: `is used twice (also in ${first.file}); ids must be unique across all files` });
    else byId.set(c.id, c);
  }
  for (const c of concepts) {
    for (const field of ['broader', 'related'] as const) {
      for (const id of c[field]) {
        if (!byId.has(id)) issues.push({ file: c.file, conceptId: c.id, field, message: `"${id}" is not the id of any concept` });
        else if (id === c.id) issues.push({ file: c.file, conceptId: c.id, field, message: 'names the concept itself' });
      }
    }
  }
  for (const cycle of broaderCycles(byId)) {
    const first = byId.get(cycle[0]!)!;
    issues.push({ file: first.file, conceptId: first.id, field: 'broader', message: `forms a cycle: ${[...cycle, cycle[0]].join(' → ')}` });
  }
  const unique = [...byId.values()].map((c) => ({ ...c, broader: c.broader.filter((id) => byId.has(id) && id !== c.id), related: c.related.filter((id) => byId.has(id) && id !== c.id) }));
  const hash = files.length === 0 ? '' : sha256(sorted.map((f) => `${f.name}\n${sha256(f.text)}`).join('\n'));
  return { thesaurus: { hash, concepts: unique }, issues, stats: statsOf(unique, files.length) };
}

function parseFile(file: ThesaurusFile, issues: ThesaurusIssue[]): ThesaurusConcept[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) issues.push({ file: file.name, ...(err.linePos ? { line: err.linePos[0].line } : {}), message: `not valid YAML: ${err.message.split('\n')[0]}` });
    return [];
  }
  const shape = FileSchema.safeParse(doc.toJS());
  if (!shape.success) {
    issues.push({ file: file.name, message: shape.error.issues[0]?.message ?? 'the file must have a top-level "concepts:" list' });
    return [];
  }
  const items = isMap(doc.contents) ? doc.contents.get('concepts', true) : undefined;
  const lineOf = (i: number): number | undefined => {
    const node = isSeq(items) ? items.items[i] : undefined;
    const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  const out: ThesaurusConcept[] = [];
  shape.data.concepts.forEach((raw, i) => {
    const line = lineOf(i);
    const parsed = ConceptSchema.safeParse(raw);
    const rawId = typeof (raw as { id?: unknown } | null)?.id === 'string' ? (raw as { id: string }).id : undefined;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? issue.path.join('.') : undefined;
        const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
        issues.push({ file: file.name, ...(line ? { line } : {}), ...(rawId ? { conceptId: rawId } : { conceptId: `#${i + 1}` }), ...(field ? { field } : {}), message });
      }
      return;
    }
    const c = parsed.data;
    const alt: ThesaurusConcept['alt'] = {};
    for (const lang of THESAURUS_LANGS) if (c.alt?.[lang]?.length) alt[lang] = [...new Set(c.alt[lang])];
    out.push({ id: c.id, pref: c.pref, alt, broader: [...new Set(c.broader ?? [])], related: [...new Set(c.related ?? [])], file: file.name });
  });
  return out;
}

/** Each cycle of broader links once, as the ids along it. */
function broaderCycles(byId: ReadonlyMap<string, ThesaurusConcept>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const visit = (id: string, path: string[]) => {
    state.set(id, 'open');
    path.push(id);
    for (const up of byId.get(id)?.broader ?? []) {
      if (!byId.has(up)) continue;
      if (state.get(up) === 'open') cycles.push(path.slice(path.indexOf(up)));
      else if (!state.has(up)) visit(up, path);
    }
    path.pop();
    state.set(id, 'done');
  };
  for (const id of byId.keys()) if (!state.has(id)) visit(id, []);
  return cycles;
}


function statsOf(concepts: readonly ThesaurusConcept[], files: number): ThesaurusStats {
  const labels = Object.fromEntries(THESAURUS_LANGS.map((l) => [l, 0])) as Record<ThesaurusLang, number>;
  let broader = 0;
  let related = 0;
  for (const c of concepts) {
    for (const { lang } of labelsOf(c)) labels[lang]++;
    broader += c.broader.length;
    related += c.related.length;
  }
  return { files, concepts: concepts.length, labels, broader, related };
}
