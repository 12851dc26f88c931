// `signoff mcp` against `signoff check` on the real corpus (../shared/corpus/lighthouse, copied into bench/.work/mcp
// as a git work tree): an agent that checks a certificate over MCP pays one tool call on a running server, where a
// hook pays a process. Prints the cold start of the server (spawn to tools/list), a warm `check` call per
// certificate and a cold `signoff check <cert> --format json` process per certificate (medians), and the ratio. Each
// call's report is compared with the CLI's (one engine, one answer) on the way.
//   node bench/mcp.mjs [--docs 15]
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI, WORK, corpusWorkTree, fmtMs, median, requireBuild, requireCorpus, result, timeProcess } from './lib.mjs';

const i = process.argv.indexOf('--docs');
const DOCS = i > 0 ? Number(process.argv[i + 1]) : 15;
const DIR = join(WORK, 'mcp');

requireBuild();
requireCorpus();
corpusWorkTree(DIR);

const docs = readdirSync(DIR, { recursive: true }).map(String).filter((f) => f.endsWith('.md') && f.includes('certificates')).sort().slice(0, DOCS).map((f) => relative(DIR, join(DIR, f)));

const t0 = performance.now();
const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], cwd: DIR, stderr: 'inherit' });
const client = new Client({ name: 'bench', version: '1' });
await client.connect(transport);
await client.listTools();
const start = performance.now() - t0;

const warm = [];
const cold = [];
let differ = 0;
for (const doc of docs) {
  const t = performance.now();
  const r = await client.callTool({ name: 'check', arguments: { path: doc } });
  warm.push(performance.now() - t);
  const c = timeProcess(process.execPath, [CLI, 'check', doc, '--format', 'json'], { cwd: DIR });
  cold.push(c.ms);
  const mcp = r.structuredContent;
  const stripped = { version: mcp.version, files: mcp.files.map((f) => ({ ...f, findings: f.findings.map(({ description, fixable, safeFix, ...x }) => x) })), summary: mcp.summary };
  if (!isDeepStrictEqual(stripped, JSON.parse(c.stdout))) differ++;
}
await client.close();

const ratio = median(warm) / median(cold);
console.log(`${docs.length} certificates of the corpus, one at a time`);
console.log(`  server start (spawn to tools/list):      ${fmtMs(start)}`);
console.log(`  check over MCP (warm server), median:     ${fmtMs(median(warm))}`);
console.log(`  signoff check <cert> --format json, median: ${fmtMs(median(cold))}`);
console.log(`  ratio MCP / CLI process: ${ratio.toFixed(2)}; reports that differ: ${differ}`);
result('mcp-check', differ === 0 && ratio <= 1, `MCP check ${fmtMs(median(warm))} vs CLI process ${fmtMs(median(cold))} (ratio ${ratio.toFixed(2)}, target ≤ 1, same reports: ${differ === 0})`);
