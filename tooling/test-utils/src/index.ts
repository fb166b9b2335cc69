export { createFakeFetch, type FakeFetch, type RecordedRequest } from './fake-fetch.js'
export {
  expectNoSensitiveData,
  findSensitiveData,
  renderThrown,
  SENTINEL_CARD_NUMBERS,
  SENTINEL_SECURITY_CODE,
} from './find-sensitive-data.js'
export { generateRsaKeyPair, type RsaKeyPair } from './generate-rsa-key-pair.js'
export {
  type ChromiumLaunch,
  type ChromiumLauncher,
  launchChromium,
} from './launch-chromium.js'
export {
  type LoopbackHandler,
  type LoopbackServer,
  startLoopbackServer,
} from './start-loopback-server.js'
export { type RedisServer, startRedisServer } from './start-redis-server.js'
