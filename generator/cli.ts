/**
 * `plesk-codegen`: the command-line entry point. Each command lives in `commands/` and is
 * loaded when used (the emitter pulls in TypeScript, which `inspect` and `--help` do not need).
 */

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

const defaultIo: CommandIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

export const USAGE = `Usage: plesk-codegen <command> [options]

Commands:
  inspect   Read a schema directory and print what it defines
  generate  Generate TypeScript bindings from a Plesk schema set (--schemas) or any XSD (--xsd)
  check     Exit non-zero when generated bindings are stale
  diff      What changed between two schema sets, and whom it breaks

Options:
  --version  Print the generator's version
  -h, --help Show this help

Run "plesk-codegen <command> --help" for the options of a command.`;

/** Runs the command line; returns the process exit code. */
export async function main(argv: string[], io: CommandIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'inspect':
      return (await import('./commands/inspect.js')).inspectCommand(rest, io);
    case 'generate':
      return (await import('./commands/generate.js')).generateCommand(rest, io);
    case 'check':
      return (await import('./commands/generate.js')).checkCommand(rest, io);
    case 'diff':
      return (await import('./commands/diff.js')).diffCommand(rest, io);
    case '--version':
    case '-v':
      io.out((await import('./version.js')).generatorVersion());
      return 0;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`plesk-codegen: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
