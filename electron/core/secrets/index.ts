export { openWith, sealWith, SecretBoxError, type SecretBox } from './secret-box'
export { createKeyFileBox, KEY_FILE, KeyFileError } from './key-file-box'
