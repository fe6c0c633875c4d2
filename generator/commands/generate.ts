import type { CommandIo } from '../cli.js';

export async function generateCommand(_argv: string[], io: CommandIo): Promise<number> {
  io.err('generate: not implemented yet');
  return 1;
}

export async function checkCommand(_argv: string[], io: CommandIo): Promise<number> {
  io.err('check: not implemented yet');
  return 1;
}
