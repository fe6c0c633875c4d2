/**
 * ts-morph, loaded with `require()`. Importing its CommonJS bundle from an ES module makes Node
 * scan the bundle for named exports at every start (about 60 ms of a cold `generate`).
 */
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;

export const { printStructure, StructureKind, VariableDeclarationKind } = tsMorph;
