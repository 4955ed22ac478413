import { backup, restore } from './backup';
import { doctor } from './doctor';
import { exportData } from './export';
import { importLibrary } from './import';
import { inspect } from './inspect';
import { lookup } from './lookup';
import { rename } from './rename';
import { scan } from './scan';
import { serve } from './serve';
import { token } from './token';
import { user } from './user';
import { undo } from './undo';
import { USAGE, UsageError } from './usage';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  serve,
  scan,
  import: importLibrary,
  inspect,
  lookup,
  user,
  token,
  rename,
  undo,
  doctor,
  backup,
  restore,
  export: exportData,
};

/** Runs a colophon command; returns the exit status. Never lets a stack trace reach the user. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`colophon ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
