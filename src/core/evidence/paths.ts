/**
 * The path grammar of evidence.md: segments of `[A-Za-z0-9_@+.-]` joined by `/`, ending in a file name with an
 * extension (or `Dockerfile`, `Makefile`), optionally prefixed by `/home/<user>/<repo>/`, `~/`, `./`, `../`, `/` or an
 * elision `…/`. "An extension" means a known file extension: prose is full of `Node.js`, `self.config`,
 * `asyncio.Queue` and `e.g.`, which must not become references.
 */

export const FILE_EXTENSIONS = new Set([
  'py', 'pyi', 'pyx', 'ipynb', 'ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'json', 'jsonc', 'json5', 'yaml', 'yml',
  'toml', 'ini', 'cfg', 'conf', 'env', 'properties', 'md', 'markdown', 'mdx', 'rst', 'adoc', 'txt', 'csv', 'tsv', 'xml',
  'html', 'htm', 'css', 'scss', 'sass', 'less', 'vue', 'svelte', 'sh', 'bash', 'zsh', 'fish', 'ps1', 'bat', 'cmd', 'sql',
  'go', 'mod', 'sum', 'rs', 'java', 'kt', 'kts', 'scala', 'groovy', 'gradle', 'c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'hh',
  'cs', 'fs', 'rb', 'php', 'swift', 'm', 'mm', 'r', 'jl', 'lua', 'pl', 'pm', 'ex', 'exs', 'erl', 'hrl', 'dart', 'zig',
  'nim', 'hs', 'ml', 'mli', 'clj', 'cljs', 'elm', 'proto', 'graphql', 'gql', 'tf', 'tfvars', 'hcl', 'nix', 'cmake', 'mk',
  'lock', 'log', 'pem', 'crt', 'service', 'dockerfile', 'tex', 'bib', 'j2', 'jinja', 'jinja2', 'tpl', 'tmpl', 'sol', 'wasm',
  'pdf', 'svg', 'png', 'jpg', 'jpeg', 'gif', 'ico', 'webp', 'db', 'sqlite', 'parquet', 'pkl', 'pt', 'onnx', 'patch', 'diff',
]);

const BARE_NAMES = new Set(['Dockerfile', 'Makefile', 'Justfile', 'Procfile', 'Gemfile', 'Rakefile', 'Jenkinsfile', 'Vagrantfile']);

/** Library names written like files (`Node.js`), never references when written without a folder. */
const LIBRARY_NAMES = /^(?:node|next|nuxt|vue|react|express|angular|ember|backbone|d3|three|chart|moment|socket|deno|nest|p5|alpine|solid|preact|knockout|meteor|electron|gatsby|remix|vite|jquery|lodash|underscore|handlebars|mustache|pixi|babylon|anime|paper|fabric|leaflet|pdf|tensorflow|brain|ml5|tone|howler|hammer|popper|tippy|swiper|highlight|prism|marked|showdown|mathjax|katex|ethers|web3|immer|zustand|redux|mobx|rxjs|fastify|koa|hapi|sails|loopback|strapi|feathers|adonis|blitz|redwood|astro|qwik|lit|stencil|polymer|mithril|riot|inferno|hyperapp|cycle|marko|aurelia|dojo|ext|sencha|kendo|webix|dhtmlx|plotly|highcharts|echarts|vis|sigma|cytoscape|mermaid|markdown-it|remark|rehype|unified|micromark)\.js$/i;

/** Characters a path token is made of (plus `…` and `~` for prefixes). Used to find token boundaries. */
export const PATH_CHAR = /[A-Za-z0-9_@+.\-/~…]/;

const PREFIX = /^(?:(?:…|\.\.\.)\/|~\/|(?:\.\.?\/)+|\/)?/;
const SEGMENT = /^[A-Za-z0-9_@+.-]+$/;

/**
 * Longest prefix of `token` that is a path, or undefined. A trailing sentence dot is not part of a path; the whole
 * rest of the token must be consumed otherwise (so `x.py-based` and `1.2.3` are not paths).
 */
export function matchPath(token: string, loose = false): string | undefined {
  if (token.length > 1024) return undefined;
  let t = token;
  while (t.endsWith('.') || t.endsWith('-')) t = t.slice(0, -1);
  if (!t) return undefined;
  const prefix = PREFIX.exec(t)![0];
  const rest = t.slice(prefix.length);
  if (!rest) return undefined;
  const segments = rest.split('/');
  const name = segments[segments.length - 1];
  for (const s of segments) if (!SEGMENT.test(s)) return undefined;
  // Loose (a path followed by `:line`): any file name with a letter, when a folder is named (`../../etc/passwd:1`).
  if (!isFileName(name) && !(loose && segments.length + (prefix ? 1 : 0) > 1 && /[A-Za-z]/.test(name))) return undefined;
  if (segments.length === 1 && !prefix && LIBRARY_NAMES.test(name)) return undefined;
  return t;
}

export function isFileName(name: string): boolean {
  if (BARE_NAMES.has(name)) return true;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return false;
  const stem = name.slice(0, dot);
  if (!/[A-Za-z0-9_]/.test(stem) || /^[0-9.]+$/.test(stem)) return false;
  const ext = name.slice(dot + 1);
  // A capitalised extension is an attribute in prose (`asyncio.Lock`, `logging.Log`), not a file; `api.Dockerfile` is.
  if (/^[A-Z][a-z]+$/.test(ext) && ext !== 'Dockerfile') return false;
  return FILE_EXTENSIONS.has(ext.toLowerCase()) && /^[a-z0-9]+$/i.test(ext);
}

/** Extension of a path, lower case, without the dot. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * Whether a cited path names a certificate rather than code: a Markdown file in a `certificates/` folder, or whose
 * name carries `certificate` or the `_YYYYMMDD_HHMMSS` stamp certificates are saved with.
 */
export function looksLikeCertificatePath(path: string): boolean {
  if (extensionOf(path) !== 'md') return false;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /(^|\/)certificates?\//i.test(path) || /certificate/i.test(name) || /_\d{8}_\d{4,6}\.md$/.test(name);
}

/** Documentation files a checklist task may point at (checklist-doc-missing). */
export const DOCUMENT_EXTENSIONS = new Set(['md', 'markdown', 'mdx', 'rst', 'adoc', 'txt', 'pdf', 'html', 'htm']);

/** Lexically normalises `a/./b/../c` to `a/c`; undefined when `..` climbs above the start. */
export function normalizeSegments(path: string): string | undefined {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
