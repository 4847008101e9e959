// The replay schemas are part of the contract; they live in shared/ beside it.
export * from '../../../shared/replay-schemas'
