import type { HooktrayClient, Unsubscribe } from '../../../shared/contract'

/** 'open' after a 'reconnecting' means events may have been missed while away. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting'
export type ConnectionListener = (state: ConnectionState) => void

/**
 * The contract's client plus what only a renderer needs: the state of the event stream, so the
 * store can re-fetch after a gap. IPC never drops events, so its stream is always 'open'.
 */
export interface RendererClient extends HooktrayClient {
  onConnection(listener: ConnectionListener): Unsubscribe
}
