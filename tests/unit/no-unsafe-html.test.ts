// Page safety (docs/architecture.md): never render page content as HTML, no remote or generated
// code. This test reads our own source (entrypoints/, components/, lib/,
// scripts/) and fails naming file:line for any HTML-string sink or code
// generation. Comments are ignored, so a file may explain why it avoids them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const SOURCE_DIRS = ['entrypoints', 'components', 'lib', 'scripts'];
const EXTENSIONS = /\.(?:[cm]?[jt]sx?|html)$/;
const SKIP_DIRS = new Set(['node_modules', '.output', '.wxt', 'tests', '__tests__', 'dist']);

const FORBIDDEN: { name: string; re: RegExp }[] = [
  { name: 'innerHTML', re: /\binnerHTML\b/ },
  { name: 'outerHTML =', re: /\bouterHTML\s*(?:[+]?=)(?!=)/ },
  { name: 'insertAdjacentHTML', re: /\binsertAdjacentHTML\b/ },
  { name: 'dangerouslySetInnerHTML', re: /\bdangerouslySetInnerHTML\b/ },
  { name: 'eval(', re: /(?<![\w$])eval\s*\(/ },
  { name: 'new Function(', re: /\bnew\s+Function\s*\(/ },
  { name: 'document.write', re: /\bdocument\s*\.\s*write(?:ln)?\b/ },
];

function listFiles(dir: string, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) listFiles(path, out);
    else if (EXTENSIONS.test(name) && !/\.(?:test|spec)\.[cm]?[jt]sx?$/.test(name)) out.push(path);
  }
  return out;
}

/**
 * Replaces comments with spaces (newlines kept, so line numbers stay right).
 * Strings and template literals are kept: `el.innerHTML = "…"` is code even
 * though part of it is a string, and a sink named inside a string (e.g. a
 * script that injects code into a page) is as dangerous as one in code.
 * Regular-expression literals are not recognised; a `//` or `/*` inside one
 * may hide the rest of its line, which errs on the side of fewer reports only
 * for that line.
 */
function stripComments(source: string, html = false): string {
  if (html) return source.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  let out = '';
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i] as string;
    const d = source[i + 1];
    if (c === '/' && d === '/') {
      while (i < n && source[i] !== '\n') {
        out += ' ';
        i++;
      }
      continue;
    }
    if (c === '/' && d === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      // Copy the literal through its closing quote (template expressions are
      // copied verbatim, nested comments in them are rare enough to ignore).
      let j = i + 1;
      while (j < n && source[j] !== c) {
        if (source[j] === '\\') j++;
        else if (c !== '`' && source[j] === '\n') break; // unterminated: stop at the line end
        j++;
      }
      out += source.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function findUnsafe(path: string, source: string): string[] {
  const code = stripComments(source, path.endsWith('.html'));
  const hits: string[] = [];
  code.split('\n').forEach((line, i) => {
    for (const { name, re } of FORBIDDEN) {
      if (re.test(line))
        hits.push(`${path}:${i + 1}: ${name} — ${(source.split('\n')[i] ?? '').trim().slice(0, 120)}`);
    }
  });
  return hits;
}

describe('no unsafe HTML sinks or code generation in our source', () => {
  const files = SOURCE_DIRS.flatMap((d) => listFiles(join(ROOT, d)));

  it('scans a real set of files', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const d of ['entrypoints', 'lib', 'components']) {
      expect(
        files.some((f) => relative(ROOT, f).startsWith(`${d}/`)),
        `no files found under ${d}/`,
      ).toBe(true);
    }
  });

  it('has none of innerHTML, outerHTML =, insertAdjacentHTML, dangerouslySetInnerHTML, eval(, new Function(, document.write', () => {
    const hits = files.flatMap((f) => findUnsafe(relative(ROOT, f), readFileSync(f, 'utf8')));
    expect(hits, `unsafe sinks found:\n${hits.join('\n')}`).toEqual([]);
  });

  it('the detector itself finds each pattern in code and ignores comments', () => {
    const code = [
      'el.innerHTML = text;',
      'const a = el.innerHTML;',
      'el.outerHTML = "<b>x</b>";',
      "el.insertAdjacentHTML('beforeend', s);",
      '<div dangerouslySetInnerHTML={{ __html: s }} />',
      'eval(code);',
      'window.eval (code);',
      'const f = new Function("a", "return a");',
      'document.write(s);',
      'document.writeln(s);',
    ];
    for (const line of code) expect(findUnsafe('x.ts', line), line).toHaveLength(1);
    const safe = [
      '// el.innerHTML = text; explained in a comment',
      '/* eval(code) */ const x = 1;',
      'const t = el.textContent; // not innerHTML',
      'if (el.outerHTML === other) return;',
      'page.evaluate(() => 1);',
      'retrieval(x);',
      'const url = "https://example.org/";',
      '/*\n * document.write\n */',
    ];
    for (const line of safe) expect(findUnsafe('x.ts', line), line).toEqual([]);
    expect(findUnsafe('x.html', '<!-- innerHTML -->\n<script>document.write(1)</script>')).toEqual([
      'x.html:2: document.write — <script>document.write(1)</script>',
    ]);
    // Line numbers survive multi-line comments.
    expect(findUnsafe('y.ts', '/*\n\n*/\nel.innerHTML = s;')).toEqual([
      'y.ts:4: innerHTML — el.innerHTML = s;',
    ]);
  });
});
