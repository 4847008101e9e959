// The tunnel: cloudflared quick or named tunnel, a manual public URL, or none.
export { backoffDelay, createTunnelManager } from './tunnel-manager'
export type { TunnelChange, TunnelListener, TunnelManager, TunnelManagerOptions } from './tunnel-manager'
export { TunnelConfigError, validateHostname, validateManualUrl, validateTunnelConfig } from './config'
export type { TunnelConfig } from './config'
export { CLOUDFLARED_DOWNLOADS_URL, CLOUDFLARED_INSTALL_HINT, cloudflaredCandidates, findCloudflared, isExecutableFile } from './find-binary'
export type { BinaryCandidate, BinaryLookup, BinaryLookupOptions, BinarySource } from './find-binary'
export { CloudflaredInstallError, installCloudflared, installedBinPath } from './install'
export type { InstallOptions, InstallProgress } from './install'
