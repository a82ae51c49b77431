/**
 * Registers every `mmcl` subcommand. Each command module exports `register(program: Command): void`;
 * to add a command, add one import and one call below.
 */
import type { Command } from 'commander';
import { register as registerFig1 } from './fig1.js';
import { register as registerPhase } from './phase.js';
import { register as registerMerge } from './merge.js';
import { register as registerColoredMnist } from './coloredmnist.js';
import { register as registerId } from './id.js';
import { register as registerIdSweep } from './idsweep.js';
import { register as registerRun } from './run.js';
import { register as registerVerify } from './verify.js';
import { register as registerOptim } from './optim.js';

export function registerCommands(program: Command): void {
  registerFig1(program);
  registerPhase(program);
  registerMerge(program);
  registerColoredMnist(program);
  registerId(program);
  registerIdSweep(program);
  registerRun(program);
  registerVerify(program);
  registerOptim(program);
}
