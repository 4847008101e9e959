import { USAGE as BASE_USAGE, UsageError, parseServeArgs } from './args'
import { parseReplayArgs, replayCommand } from './replay-command'
import { serveCommand } from './serve'
import { parseSimulateArgs, simulateCommand, SIMULATE_USAGE } from './simulate'

const USAGE = BASE_USAGE.replace('  hooktray help', `${SIMULATE_USAGE}\n  hooktray help`)

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'serve':
        await serveCommand(parseServeArgs(rest))
        return
      case 'replay':
        process.exitCode = await replayCommand(parseReplayArgs(rest))
        return
      case 'simulate':
        await simulateCommand(parseSimulateArgs(rest))
        return
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE)
        return
      default:
        throw new UsageError(`unknown command "${command}"`)
    }
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`hooktray: ${err.message}\n\n${USAGE}`)
      process.exit(2)
    }
    const e = err as NodeJS.ErrnoException
    if (e.code === 'EADDRINUSE') {
      console.error(`hooktray: ${e.message}: that port is taken (another Hooktray?). Pick others with --port / --ui-port.`)
      process.exit(1)
    }
    console.error(`hooktray: ${e.message ?? String(err)}`)
    process.exit(1)
  }
}

if (require.main === module) void main(process.argv.slice(2))
