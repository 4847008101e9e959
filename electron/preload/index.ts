import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type {
  ArgsOf,
  EventListener,
  HooktrayClient,
  HooktrayEvent,
  MethodName,
  Results,
  Unsubscribe,
} from '../../shared/contract'
import { METHOD_NAMES } from '../../shared/method-names'
import { EVENT_CHANNEL, methodChannel, type IpcReply } from '../main/ipc-protocol'

// Sandboxed preload: only 'electron' exists at runtime here. The contract comes in as types only,
// so the compiler checks this object against HooktrayClient without bundling zod.

function call<M extends MethodName>(name: M): (args: ArgsOf<M>) => Promise<Results[M]> {
  const channel = methodChannel(name)
  return async (args) => {
    const reply = (await ipcRenderer.invoke(channel, args ?? {})) as IpcReply<Results[M]>
    if (reply.ok) return reply.value
    // Only the message survives the context bridge; the renderer maps it back to a status.
    throw new Error(reply.error.message)
  }
}

function onEvent(listener: EventListener): Unsubscribe {
  // The page gets the event payload only, never the IpcRendererEvent (it carries `sender`).
  const handler = (_event: IpcRendererEvent, payload: HooktrayEvent): void => listener(payload)
  ipcRenderer.on(EVENT_CHANNEL, handler)
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, handler)
  }
}

const methods = Object.fromEntries(METHOD_NAMES.map((name) => [name, call(name)])) as {
  [M in MethodName]: (args: ArgsOf<M>) => Promise<Results[M]>
}

const api = {
  ...methods,
  onEvent,
  transport: 'ipc',
} satisfies HooktrayClient

contextBridge.exposeInMainWorld('api', api)
