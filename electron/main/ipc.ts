import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { ApiError, methodNames, parseArgs, type HooktrayApi, type MethodName } from '../../shared/contract'
import type { EventBus } from '../core/events'
import { invoke } from '../core/api'
import { isAppUrl, type AppOrigin } from './app-origin'
import { EVENT_CHANNEL, methodChannel, type IpcFailure, type IpcReply } from './ipc-protocol'

export interface IpcBinding {
  api: HooktrayApi
  events: EventBus
  origin: AppOrigin
}

/**
 * Carries the contract over IPC: one handler per contract method, each behind the same guard,
 * plus the core's events on one channel. Returns the unbinding.
 */
export function bindIpc({ api, events, origin }: IpcBinding): () => void {
  for (const name of methodNames) {
    ipcMain.handle(methodChannel(name), (event, args: unknown) => handle(name, event, args, api, origin))
  }

  const unsubscribe = events.subscribe((event) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const contents = win.webContents
      // Events describe captured traffic: only our own page may hear them.
      if (contents.isDestroyed() || !isAppUrl(contents.getURL(), origin)) continue
      contents.send(EVENT_CHANNEL, event)
    }
  })

  return () => {
    unsubscribe()
    for (const name of methodNames) ipcMain.removeHandler(methodChannel(name))
  }
}

async function handle(
  name: MethodName,
  event: IpcMainInvokeEvent,
  args: unknown,
  api: HooktrayApi,
  origin: AppOrigin,
): Promise<IpcReply> {
  try {
    // senderFrame, not sender: a subframe (a previewed body, say) shares the WebContents.
    const frameUrl = event.senderFrame?.url
    if (!isAppUrl(frameUrl, origin)) {
      console.warn(`[hooktray] refused IPC ${name} from ${frameUrl ?? 'a destroyed frame'}`)
      throw new ApiError(403, `${name}: caller is not the Hooktray inspector`)
    }
    // The core validates again; checking here keeps malformed input from ever reaching it.
    parseArgs(name, args)
    return { ok: true, value: await invoke(api, name, args ?? {}) }
  } catch (err) {
    return { ok: false, error: toFailure(name, err) }
  }
}

function toFailure(name: MethodName, err: unknown): IpcFailure {
  if (err instanceof ApiError) return { status: err.status, message: err.message }
  console.error(`[hooktray] IPC ${name} failed:`, err)
  return { status: 500, message: err instanceof Error ? err.message : 'internal error' }
}
