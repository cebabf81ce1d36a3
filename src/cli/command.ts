import type {Command} from 'commander'
import type {Reporter} from './report.js'

/**
 * What a command module gets to register itself: the program, the reporter,
 * and a way to set the process's exit code. Each file in commands/ exports
 * one `register…` function; main.ts lists them.
 */
export interface CommandContext {
  program: Command
  reporter: Reporter
  setExitCode(code: number): void
}

export type RegisterCommand = (context: CommandContext) => void
