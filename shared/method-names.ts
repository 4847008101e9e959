// The contract's method names with no dependencies, so the sandboxed preload can bind every method
// without bundling zod. shared/contract.ts checks at compile time that this list and its schemas
// name exactly the same methods.
export const METHOD_NAMES = [
  'listDeliveries',
  'getDelivery',
  'getDeliveryBody',
  'clearDeliveries',
  'getStatus',
  'replayDelivery',
  'listAttempts',
  'getAttemptBody',
  'getAttemptSent',
  'startReplayJob',
  'getReplayJob',
  'cancelReplayJob',
  'listReplayJobs',
  'getForwarding',
  'setForwarding',
  'getReplaySettings',
  'setReplaySettings',
] as const

export type MethodNameFromList = (typeof METHOD_NAMES)[number]
