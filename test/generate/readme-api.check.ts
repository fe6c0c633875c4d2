// The README's programmatic-API example, type-checked by `npm run typecheck` (never run), as a
// consumer imports it: 'plesk-api-codegen' resolves through package.json `exports` to dist/api.d.ts.
import { generate, generateFromConfig, check, checkFromConfig, inspect, CodegenError, formatDiagnostic } from 'plesk-api-codegen';

export async function readmeExample(): Promise<void> {
  try {
    const { trees } = await generate({ schemas: 'vendor/plesk/schemas.zip', out: 'src/plesk', versions: ['1.6.9.1'], options: { integers: 'bigint' } });
    for (const tree of trees) console.log(tree.out, tree.version, tree.fileCount);
    const { upToDate } = await check({ out: 'src/plesk' });
    console.log(upToDate);
  } catch (error) {
    // SchemaSetError (file:line), SchemaSourceError, OutputError, ConfigError — all CodegenErrors
    if (error instanceof CodegenError) for (const d of error.diagnostics) console.error(formatDiagnostic(d));
    else throw error;
  }
  await generateFromConfig();
  await checkFromConfig('plesk-codegen.config.json');
  const { sets } = await inspect({ schemas: 'schemas/1.6.9.1' });
  console.log(sets.input.files.length, sets.comparison.shared.length);
}
