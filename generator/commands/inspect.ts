import type { CommandIo } from '../cli.js';

export async function inspectCommand(_argv: string[], io: CommandIo): Promise<number> {
  io.err('inspect: not implemented yet');
  return 1;
}
