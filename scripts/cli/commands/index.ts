/** The registry of CLI commands, in the order help lists them. */
import type { Command } from '../command';
import { create } from './create';
import { decrypt } from './decrypt';
import { diff } from './diff';
import { exportCommand } from './export';
import { remove } from './delete';
import { health } from './health';
import { helpCommand } from './help';
import { keygen } from './keygen';
import { list } from './list';
import { prune } from './prune';
import { recover } from './recover';
import { rekey } from './rekey';
import { rescan } from './rescan';
import { restore } from './restore';
import { verify } from './verify';

export const COMMANDS: readonly Command[] = [
  create,
  list,
  verify,
  restore,
  diff,
  remove,
  decrypt,
  exportCommand,
  rekey,
  keygen,
  prune,
  health,
  rescan,
  recover,
  helpCommand(() => COMMANDS),
];
