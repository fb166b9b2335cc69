/** A redis-server started by `startRedisServer`. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string
  readonly port: number
  /** Stops the server (the port and directory are kept for `restart`). */
  stop(): Promise<void>
  /** Starts it again on the same port (stopping it first if it runs). */
  restart(): Promise<void>
  /** Stops it and removes its temporary directory. Call it in `afterAll`. */
  close(): Promise<void>
}

/**
 * Starts Debian's `redis-server` on 127.0.0.1 at a free port (found with a probe socket, retried
 * on a collision), in a temporary directory, with `--save '' --appendonly no`.
 */
export declare function startRedisServer(): Promise<RedisServer>
