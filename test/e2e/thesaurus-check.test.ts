import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseThesaurus } from '../../src/engine/thesaurus/parse.js';
import { formatIssue } from '../../src/engine/thesaurus/types.js';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/planbot.js');
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/thesaurus');

/** Every problem parseThesaurus finds in one file, as the admin reads them. */
function problems(text: string, more: { name: string; text: string }[] = []): string[] {
  return parseThesaurus([{ name: 'test.yaml', text }, ...more]).issues.map(formatIssue);
}

const typhoon = (extra = '') => `concepts:
  - id: typhoon
    pref: { zh-Hant: 颱風, zh-Hans: 台风, en: typhoon }${extra}
`;

describe('thesaurus validation', () => {
  it('accepts the test thesaurus and counts its concepts, labels and links', () => {
    const parsed = parseThesaurus([
      { name: 'a.yaml', text: typhoon('\n    broader: [disaster]') },
      { name: 'b.yaml', text: 'concepts:\n  - id: disaster\n    pref: { zh-Hant: 災害, zh-Hans: 灾害, en: disaster }\n    alt: { en: [disasters, calamity] }\n' },
    ]);
    expect(parsed.issues).toEqual([]);
    expect(parsed.stats).toMatchObject({ files: 2, concepts: 2, labels: { 'zh-Hant': 2, 'zh-Hans': 2, en: 4 }, broader: 1, related: 0 });
    expect(parsed.thesaurus.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the line of a YAML syntax error', () => {
    expect(problems('concepts:\n  - id: a\n    pref: { zh-Hant: 颱風, zh-Hans: 台风\n')).toEqual([expect.stringMatching(/^test\.yaml:\d+: not valid YAML/)]);
  });

  it('names file, concept and field for a missing language, an empty or too long label, a bad id', () => {
    const found = problems(`concepts:
  - id: typhoon
    pref: { zh-Hant: 颱風, en: typhoon }
  - id: flood
    pref: { zh-Hant: 洪水, zh-Hans: 洪水, en: "" }
  - id: drought
    pref: { zh-Hant: 乾旱, zh-Hans: 干旱, en: drought }
    alt: { en: ["${'a'.repeat(41)}"] }
  - id: Bad_Id
    pref: { zh-Hant: 壞, zh-Hans: 坏, en: bad }
`);
    expect(found).toContainEqual(expect.stringMatching(/^test\.yaml:2: concept "typhoon" pref\.zh-Hans: /));
    expect(found).toContainEqual('test.yaml:4: concept "flood" pref.en: is empty');
    expect(found).toContainEqual('test.yaml:6: concept "drought" alt.en.0: is longer than 40 characters');
    expect(found).toContainEqual(expect.stringMatching(/^test\.yaml:9: concept "Bad_Id" id: must be kebab-case/));
  });

  it('finds duplicate ids across files, unknown broader and related ids, and broader cycles', () => {
    const found = problems(
      `concepts:
  - id: typhoon
    pref: { zh-Hant: 颱風, zh-Hans: 台风, en: typhoon }
    broader: [storm, weather]
    related: [climate]
  - id: storm
    pref: { zh-Hant: 風暴, zh-Hans: 风暴, en: storm }
    broader: [typhoon]
`,
      [{ name: 'z-other.yaml', text: typhoon() }],
    );
    expect(found).toContain('z-other.yaml: concept "typhoon" id: is used twice (also in test.yaml); ids must be unique across all files');
    expect(found).toContain('test.yaml: concept "typhoon" broader: "weather" is not the id of any concept');
    expect(found).toContain('test.yaml: concept "typhoon" related: "climate" is not the id of any concept');
    expect(found).toContainEqual(expect.stringMatching(/concept "(typhoon|storm)" broader: forms a cycle: (typhoon → storm → typhoon|storm → typhoon → storm)/));
  });

  it('rejects unknown fields and a file without a concepts list', () => {
    expect(problems(typhoon('\n    narrower: [x]'))).toEqual(["test.yaml:2: concept \"typhoon\": unknown field(s) narrower"]);
    expect(problems('- id: typhoon\n')).toEqual([expect.stringMatching(/^test\.yaml: .*concepts/)]);
  });
});

describe('planbot thesaurus check', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'planbot-thesaurus-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function check(folder: string): Promise<{ stdout: string; code: number }> {
    try {
      const { stdout } = await run(process.execPath, [BIN, 'thesaurus', 'check', '--dir', folder], { timeout: 60_000 });
      return { stdout, code: 0 };
    } catch (err) {
      const e = err as { stdout: string; code: number };
      return { stdout: e.stdout, code: e.code };
    }
  }

  it('prints the counts of a valid thesaurus and exits 0', async () => {
    const { stdout, code } = await check(FIXTURE);
    expect(code).toBe(0);
    expect(stdout).toMatch(/2 file\(s\), 6 concepts, 44 labels \(zh-Hant 14, zh-Hans 14, en 16\), 3 broader and 1 related links/);
    expect(stdout).toContain('No errors');
  });

  it('lists every error and exits 1', async () => {
    await writeFile(path.join(dir, 'broken.yaml'), typhoon('\n    broader: [nowhere]'));
    const { stdout, code } = await check(dir);
    expect(code).toBe(1);
    expect(stdout).toContain('1 error(s):');
    expect(stdout).toContain('broken.yaml: concept "typhoon" broader: "nowhere" is not the id of any concept');
  });
});
