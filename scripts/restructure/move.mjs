#!/usr/bin/env node
// Moves the tree into the layered layout (issue 13) in one mechanical step: `git mv`s every file
// of src/, test/ and scripts/ as scripts/restructure/layout.json says, and rewrites what points at
// them: relative import/export/import()/vi.mock specifiers, paths resolved from import.meta.url
// or import.meta.dirname, repo paths in comments, package.json, configs, bin/planbot.js and the
// docs. Plain Node, no dependencies. Run it on a clean, committed tree:
//
//   node scripts/restructure/move.mjs [--dry-run] [layout.json]
//
// It prints every file it could not place and every import that still goes from a lower layer to
// a higher one, and exits non-zero when a file could not be placed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const P = path.posix;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SELF_DIR = 'scripts/restructure/';
const args = process.argv.slice(2);
const DRY = args.includes('--dry-run');
const layoutFile = args.find((a) => !a.startsWith('--')) ?? path.join(ROOT, SELF_DIR, 'layout.json');
const layout = JSON.parse(readFileSync(layoutFile, 'utf8'));

const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
const read = (f) => readFileSync(path.join(ROOT, f), 'utf8');
const problems = { unplaced: [], unresolved: [], upward: [], metaUrl: [], edits: [] };

// ---------------------------------------------------------------- the files and where they go
const inScope = (f) => /^(src|test|scripts)\//.test(f) && !f.startsWith(SELF_DIR);
const tracked = git('ls-files', '-z').split('\0').filter(Boolean);
const fileSet = new Set(tracked);
const untracked = git('ls-files', '-z', '--others', '--exclude-standard', 'src', 'test', 'scripts').split('\0').filter(Boolean);
if (untracked.length && !DRY) {
  console.error(`move: commit or remove these untracked files first (git mv cannot move them):\n  ${untracked.join('\n  ')}`);
  process.exit(2);
}

const entries = Object.entries(layout.moves);
const exact = new Map(entries.filter(([k]) => !k.endsWith('/') && !k.includes('*')));
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patterns = entries
  .filter(([k]) => k.includes('*'))
  .map(([k, to]) => ({ dir: `${P.dirname(k)}/`, re: new RegExp(`^${escapeRe(P.basename(k)).replace(/\\\*/g, '[^/]*')}$`), to, weight: k.replace(/\*/g, '').length }))
  .sort((a, b) => b.weight - a.weight);
const folders = entries.filter(([k]) => k.endsWith('/')).sort((a, b) => b[0].length - a[0].length);

/** Where a file goes by the mapping: an exact entry, else a name pattern, else its nearest folder's entry. */
function place(file) {
  if (exact.has(file)) return exact.get(file);
  const pattern = patterns.find((p) => `${P.dirname(file)}/` === p.dir && p.re.test(P.basename(file)));
  if (pattern) return pattern.to + P.basename(file);
  const folder = folders.find(([k]) => file.startsWith(k));
  return folder ? folder[1] + file.slice(folder[0].length) : undefined;
}

const codeExt = /\.(ts|mts|cts|js|mjs|cjs)$/;
const scope = tracked.filter(inScope);
const moveMap = new Map();
const autoTests = [];
for (const file of scope) {
  const to = place(file);
  if (to) {
    if (to !== file) moveMap.set(file, to);
  } else if (/^test\/[^/]+\.test\.ts$/.test(file)) autoTests.push(file);
  else if (file.startsWith('src/')) problems.unplaced.push(file);
}
const newPathOf = (old) => moveMap.get(old) ?? old;

// ---------------------------------------------------------------- resolving specifiers
/** The tracked file a relative specifier points at (old coordinates), or undefined. */
function resolveSpec(fromFile, spec) {
  const base = P.normalize(P.join(P.dirname(fromFile), spec));
  const candidates = [base, base.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts').replace(/\.cjs$/, '.cts'), `${base}.ts`, `${base}/index.ts`];
  return candidates.find((c) => fileSet.has(c));
}

/** A folder (or other non-file path) after the move: its nearest folder entry, else unchanged. */
function movedFolder(p) {
  const key = `${p.replace(/\/$/, '')}/`;
  const folder = folders.find(([k]) => key.startsWith(k));
  return folder ? (folder[1] + key.slice(folder[0].length)).replace(/\/$/, '') : p;
}

/** The specifier, seen from the importer's new place, for what it pointed at from its old place. */
function rewriteSpec(spec, oldFile, newFile) {
  if (!/^\.\.?(\/|$)/.test(spec)) return spec;
  const base = P.normalize(P.join(P.dirname(oldFile), spec));
  const target = resolveSpec(oldFile, spec);
  let form;
  if (target) {
    const moved = newPathOf(target);
    if (base === target) form = moved;
    else if (base === target.replace(/\.ts$/, '.js') || base === target.replace(/\.mts$/, '.mjs') || base === target.replace(/\.cts$/, '.cjs'))
      form = moved.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs').replace(/\.cts$/, '.cjs');
    else if (`${base}.ts` === target) form = moved.replace(/\.ts$/, '');
    else form = P.dirname(moved);
  } else {
    if (!existsSync(path.join(ROOT, base))) problems.unresolved.push(`${oldFile}: '${spec}'`);
    form = movedFolder(base);
  }
  if (form === base && newFile === oldFile) return spec;
  let rel = P.relative(P.dirname(newFile), form === '.' ? '' : form) || '.';
  if (!rel.startsWith('.')) rel = `./${rel}`;
  if (spec.endsWith('/') && !rel.endsWith('/')) rel += '/';
  return rel;
}

// ---------------------------------------------------------------- tests at test/ top level: by what they import
const LAYERS = Object.entries(layout.layers).sort((a, b) => b[0].length - a[0].length);
const layerOf = (p) => LAYERS.find(([k]) => p.startsWith(k))?.[1];
const SPEC_RES = [
  /(\bfrom\s*)(['"])([^'"\n]+)\2/g,
  /(\bimport\s*)(['"])([^'"\n]+)\2/g,
  /(\bimport\s*\(\s*)(['"])([^'"\n]+)\2/g,
  /(\b(?:vi\.(?:mock|doMock|unmock|importActual|importMock)|require(?:\.resolve)?)\s*\(\s*)(['"])([^'"\n]+)\2/g,
];
function importsOf(file) {
  const text = read(file);
  const out = [];
  for (const re of SPEC_RES) for (const m of text.matchAll(re)) out.push(m[3]);
  return out.map((s) => (s.startsWith('.') ? resolveSpec(file, s) : undefined)).filter(Boolean);
}
function highestLayer(file, seen = new Set()) {
  if (seen.has(file)) return -1;
  seen.add(file);
  let best = /bin\/planbot\.js|helpers\/child/.test(read(file)) ? 3 : -1;
  for (const dep of importsOf(file)) {
    // Settings and the logger are conveniences every test may use; they do not say what a test specifies.
    const layer = (layout.classifyIgnore ?? []).includes(newPathOf(dep)) ? undefined : layerOf(newPathOf(dep));
    if (layer !== undefined) best = Math.max(best, layer);
    else if (dep.startsWith('test/helpers/')) best = Math.max(best, highestLayer(dep, seen));
  }
  return best;
}
for (const file of autoTests) {
  const layer = highestLayer(file);
  const dir = layout.testLayers[String(layer)];
  if (!dir) {
    problems.unplaced.push(`${file} (imports no layer)`);
    continue;
  }
  moveMap.set(file, dir + P.basename(file));
  console.log(`placed by its imports: ${file} -> ${dir}${P.basename(file)}`);
}

const targets = new Map();
for (const [from, to] of moveMap) {
  if (targets.has(to)) throw new Error(`two files would move to ${to}: ${targets.get(to)} and ${from}`);
  if (fileSet.has(to) && !moveMap.has(to)) throw new Error(`${from} would overwrite ${to}`);
  targets.set(to, from);
}

// ---------------------------------------------------------------- symbols that now come from another module
const symbols = layout.symbols ?? [];
function moveSymbols(text, oldFile) {
  return text.replace(/^(import|export)\s+(type\s+)?\{([^}]*)\}\s*from\s*(['"])([^'"]+)\4;?[ \t]*$/gm, (stmt, keyword, typeOnly, list, q, spec) => {
    if (!spec.startsWith('.')) return stmt;
    const target = resolveSpec(oldFile, spec);
    const moving = symbols.filter((s) => s.from === target);
    if (!moving.length) return stmt;
    const kept = [];
    const moved = new Map();
    for (const raw of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const name = raw.replace(/^type\s+/, '').split(/\s+as\s+/)[0].trim();
      const symbol = moving.find((s) => s.name === name);
      if (!symbol) {
        kept.push(raw);
        continue;
      }
      const to = symbol.to.startsWith('src/') ? rewriteSpecOld(oldFile, symbol.to) : symbol.to;
      moved.set(to, [...(moved.get(to) ?? []), raw]);
    }
    if (!moved.size) return stmt;
    const lines = kept.length ? [`${keyword} ${typeOnly ?? ''}{ ${kept.join(', ')} } from ${q}${spec}${q};`] : [];
    for (const [to, names] of moved) {
      const allTypes = typeOnly || names.every((n) => n.startsWith('type '));
      const shown = allTypes ? names.map((n) => n.replace(/^type\s+/, '')) : names;
      lines.push(`${keyword} ${allTypes ? 'type ' : ''}{ ${shown.join(', ')} } from ${q}${to}${q};`);
    }
    return lines.join('\n');
  });
}
/** A specifier from oldFile to another old path, in old coordinates (the later rewrite moves both). */
function rewriteSpecOld(oldFile, targetOld) {
  let rel = P.relative(P.dirname(oldFile), targetOld.replace(/\.ts$/, '.js'));
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}
/** Folders that the moves left empty (git does not track folders). */
function removeEmptyFolders(dir) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
  for (const entry of readdirSync(dir)) removeEmptyFolders(path.join(dir, entry));
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}
/** Drops `export { X };`, `export type { X };` or `export { X } from '…';` re-exports of moved symbols (and a comment line above naming X). */
function dropReexports(text, file) {
  for (const s of symbols.filter((sym) => sym.from === file)) {
    const re = new RegExp(`(^//[^\\n]*\\b${s.name}\\b[^\\n]*\\n)?^export\\s+(type\\s+)?\\{\\s*${s.name}\\s*\\}(\\s*from\\s*['"][^'"]+['"])?;?[ \\t]*\\n`, 'm');
    text = text.replace(re, '');
  }
  return text;
}

// ---------------------------------------------------------------- repo paths in prose, configs and comments
const pathPairs = [];
for (const [from, to] of moveMap) {
  pathPairs.push([from, to]);
  if (from.startsWith('src/') && to.startsWith('src/') && /\.ts$/.test(from)) pathPairs.push([`dist/${from.slice(4, -3)}.js`, `dist/${to.slice(4, -3)}.js`]);
}
for (const [from, to] of folders) {
  if (from === to) continue;
  if (!scope.some((f) => f.startsWith(from))) continue;
  pathPairs.push([from.slice(0, -1), to.slice(0, -1)]);
}
pathPairs.sort((a, b) => b[0].length - a[0].length);
const pathMap = new Map(pathPairs);
const PATH_RE = pathPairs.length ? new RegExp(`(?<![\\w./-])(${pathPairs.map(([f]) => escapeRe(f)).join('|')})(?![\\w-])`, 'g') : /$^/;
const rewritePaths = (text) => text.replace(PATH_RE, (m) => pathMap.get(m) ?? m);

function rewriteMarkdownLinks(text, file) {
  return text.replace(/\]\((\.{1,2}\/[^)#\s]+)(#[^)]*)?\)/g, (m, link, hash = '') => {
    const base = P.normalize(P.join(P.dirname(file), link));
    if (!fileSet.has(base) && !existsSync(path.join(ROOT, base))) return m;
    const moved = fileSet.has(base) ? newPathOf(base) : movedFolder(base);
    if (moved === base) return m;
    return `](${P.relative(P.dirname(file), moved)}${hash})`;
  });
}

/** Calls whose first argument is a path relative to a fixed folder (layout.json pathCalls), e.g. runTsChild('hold-lock.ts') from test/helpers/. */
function rewritePathCalls(text) {
  for (const { call, base } of layout.pathCalls ?? []) {
    const re = new RegExp(`(\\b${escapeRe(call)}\\(\\s*)(['"])([^'"\\n]+)\\2`, 'g');
    text = text.replace(re, (m, pre, q, lit) => {
      const target = P.normalize(P.join(base, lit));
      if (!fileSet.has(target)) {
        problems.unresolved.push(`${call}('${lit}') from ${base}`);
        return m;
      }
      return `${pre}${q}${P.relative(movedFolder(base.replace(/\/$/, '')), newPathOf(target))}${q}`;
    });
  }
  return text;
}

// ---------------------------------------------------------------- new contents (computed before anything moves)
const writes = new Map();
for (const oldFile of scope.filter((f) => codeExt.test(f))) {
  const newFile = newPathOf(oldFile);
  const original = read(oldFile);
  let text = dropReexports(moveSymbols(original, oldFile), oldFile);
  text = text
    .split('\n')
    .map((line) => {
      if (/import\.meta\.(url|dirname)\b/.test(line)) {
        const out = line.replace(/(['"])([^'"\n]+)\1/g, (m, q, lit) => {
          if (/^\.\.?(\/|$)/.test(lit)) return `${q}${rewriteSpec(lit, oldFile, newFile)}${q}`;
          // 'fixtures/x' next to import.meta.dirname: a path below the file's folder, when one exists there
          const below = P.join(P.dirname(oldFile), lit);
          if (!/^[\w.-]+(\/[\w.-]+)*\/?$/.test(lit) || !(fileSet.has(below) || tracked.some((f) => f.startsWith(`${below}/`)))) return m;
          return `${q}${rewriteSpec(`./${lit}`, oldFile, newFile).replace(/^\.\//, '')}${q}`;
        });
        if (out === line && newFile !== oldFile && !/['"]\.{1,2}/.test(line) && !/^\s*(\/\/|\*)/.test(line)) problems.metaUrl.push(`${oldFile} -> ${newFile}: ${line.trim()}`);
        return out;
      }
      for (const re of SPEC_RES) line = line.replace(re, (_m, pre, q, spec) => `${pre}${q}${rewriteSpec(spec, oldFile, newFile)}${q}`);
      return line;
    })
    .join('\n');
  text = rewritePathCalls(text);
  text = rewritePaths(text);
  if (text !== original || newFile !== oldFile) writes.set(newFile, text);
}
const textFiles = [];
for (const entry of layout.textFiles ?? []) {
  if (entry.endsWith('/')) textFiles.push(...tracked.filter((f) => f.startsWith(entry)));
  else if (fileSet.has(entry)) textFiles.push(entry);
}
for (const file of scope.filter((f) => !codeExt.test(f) && /\.(md|json|ya?ml)$/.test(f))) textFiles.push(file);
for (const file of new Set(textFiles)) {
  if (inScope(file) && codeExt.test(file)) continue; // done above
  const current = writes.get(newPathOf(file)) ?? read(file);
  let text = rewritePaths(current);
  if (file.endsWith('.md')) text = rewriteMarkdownLinks(text, newPathOf(file));
  if (text !== current) writes.set(newPathOf(file), text);
}
for (const edit of layout.edits ?? []) {
  const current = writes.get(edit.file) ?? read(edit.file);
  if (!current.includes(edit.from)) {
    problems.edits.push(`${edit.file}: "${edit.from}" not found`);
    continue;
  }
  writes.set(edit.file, current.split(edit.from).join(edit.to));
}

// ---------------------------------------------------------------- lower layers importing higher ones, src importing test/ or scripts/
const newFiles = new Set(tracked.map(newPathOf));
const newContent = (f) => writes.get(f) ?? (targets.has(f) ? read(targets.get(f)) : read(f));
for (const file of [...newFiles].filter((f) => f.startsWith('src/') && codeExt.test(f))) {
  const from = layerOf(file);
  const text = newContent(file);
  for (const re of SPEC_RES)
    for (const m of text.matchAll(re)) {
      const spec = m[3];
      if (!spec.startsWith('.')) continue;
      const base = P.normalize(P.join(P.dirname(file), spec));
      const dep = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`].find((c) => newFiles.has(c));
      if (!dep) continue;
      const to = layerOf(dep);
      if (/^(test|scripts)\//.test(dep)) problems.upward.push(`${file} -> ${dep} (src/ must not import test/ or scripts/)`);
      else if (from !== undefined && to !== undefined && to > from) problems.upward.push(`${file} -> ${dep}`);
    }
}

// ---------------------------------------------------------------- report, then act
console.log(`${moveMap.size} files move, ${writes.size} files are rewritten.`);
if (DRY) for (const [from, to] of [...moveMap].sort()) console.log(`  ${from} -> ${to}`);
const section = (title, list) => list.length && console.log(`\n${title} (${list.length}):\n  ${[...new Set(list)].join('\n  ')}`);
section('Could not place (add them to layout.json)', problems.unplaced);
section('Relative specifiers that resolve to nothing (left as they were)', problems.unresolved);
section('Lines using import.meta.url/dirname without a relative path literal (check by hand)', problems.metaUrl);
section('Edits that did not apply', problems.edits);
section('Imports from a lower layer to a higher one (engine < services < adapters < app)', problems.upward);

if (!DRY && problems.unplaced.length) {
  console.error('\nNothing was moved: place the files above in layout.json first.');
} else if (!DRY) {
  for (const [from, to] of moveMap) {
    mkdirSync(path.join(ROOT, P.dirname(to)), { recursive: true });
    git('mv', from, to);
  }
  for (const top of ['src', 'test', 'scripts']) removeEmptyFolders(path.join(ROOT, top));
  for (const [file, text] of writes) {
    if (!existsSync(path.join(ROOT, file)) || !statSync(path.join(ROOT, file)).isFile()) throw new Error(`nothing to write at ${file}`);
    writeFileSync(path.join(ROOT, file), text);
  }
  console.log('\nMoved. Next: npx tsc --noEmit && npm test (see scripts/restructure/README.md).');
}
process.exitCode = problems.unplaced.length ? 1 : 0;
