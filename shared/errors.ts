// Zod-free so the renderer and preload can use it without bundling the schemas.

/** A failure that carries an HTTP-ish status so both transports can report it the same way. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = status === 404 ? 'not_found' : status === 400 ? 'bad_request' : 'error',
  ) {
    super(message)
    this.name = 'ApiError'
  }
}
