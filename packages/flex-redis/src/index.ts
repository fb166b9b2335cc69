export type { FlexStorage, FlexStorageErrorDetails, FlexStorageReason } from 'flex-types'
export { FLEX_STORAGE_REASONS, FlexStorageError } from 'flex-types'
export { createRedisStorage, type RedisStorage } from './create-redis-storage.js'
export type { RedisStorageOptions } from './read-redis-storage-options.js'
