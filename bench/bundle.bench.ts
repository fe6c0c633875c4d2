/**
 * Bundle size of consumers of the bindings generated from the real Plesk set, minified with
 * esbuild: one that uses only the `server` operator (through `operators/server.js`) against one
 * that uses the full packet codecs (`request.js`/`response.js`, every operator). saxes is part
 * of both bundles; the client is in neither (client bundles: transport.bench.ts).
 */
import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generate } from '../generator/generate.js';
import { writeTree } from '../generator/emit/write.js';
import { REAL_SCHEMAS_DIR, ROOT } from './support.js';

const root = ROOT;
const schemaDir = REAL_SCHEMAS_DIR;

function bundle(entry: string): { bytes: number; gzip: number } {
  const result = buildSync({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  const code = result.outputFiles[0].contents;
  return { bytes: code.length, gzip: gzipSync(code).length };
}

export default async function bundleBench(): Promise<{ title: string; markdown: string }> {
  mkdirSync(join(root, 'bench', 'out'), { recursive: true });
  const dir = mkdtempSync(join(root, 'bench', 'out', 'bundle-'));
  try {
    const { files } = generate(schemaDir);
    const tree = join(dir, 'tree');
    writeTree(tree, files);
    const source = [...files.values()].reduce((n, c) => n + Buffer.byteLength(c), 0);
    const use = `const xml = serializeRequest({ operators: [{ server: [{ srvMan: { id: 'web', operation: 'stop' } }] }] });\nconsole.log(xml, parseResponse('<packet><server><srv_man><result><status>ok</status><id>web</id></result></srv_man></server></packet>'));\n`;
    writeFileSync(join(dir, 'server-only.ts'), `import { serializeRequest, parseResponse } from './tree/operators/server.js';\n${use}`);
    writeFileSync(join(dir, 'full.ts'), `import { serializeRequest } from './tree/request.js';\nimport { parseResponse } from './tree/response.js';\n${use}`);
    const serverOnly = bundle(join(dir, 'server-only.ts'));
    const full = bundle(join(dir, 'full.ts'));
    const kib = (n: number): string => (n / 1024).toFixed(1);
    const markdown = [
      `Generated tree of the real set: ${files.size} files, ${kib(source)} KiB of TypeScript.`,
      '',
      '| consumer (esbuild, minified, ESM) | bytes | KiB | gzip KiB |',
      '|---|---:|---:|---:|',
      `| only \`server\`: \`operators/server.js\` | ${serverOnly.bytes} | ${kib(serverOnly.bytes)} | ${kib(serverOnly.gzip)} |`,
      `| every operator: \`request.js\` + \`response.js\` | ${full.bytes} | ${kib(full.bytes)} | ${kib(full.gzip)} |`,
      '',
      `The server-only bundle is ${(serverOnly.bytes / full.bytes).toFixed(2)}× the full one.`,
    ].join('\n');
    return { title: 'Bundle size of a consumer', markdown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
