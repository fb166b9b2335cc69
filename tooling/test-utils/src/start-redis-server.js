// A real redis-server for tests and the bench: loopback only, a temporary directory, no
// persistence. Plain JS (with a .d.ts) so that the bench scripts can import it too.
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const READY = /Ready to accept connections/
const START_TIMEOUT = 20_000

// redis-server has no `--port 0`: a probe socket finds a free port, and a collision is retried.
function findFreePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

function launch(port, dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--logfile',
        '',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`redis-server did not start within ${START_TIMEOUT} ms`))
    }, START_TIMEOUT)
    const onData = (chunk) => {
      output += chunk
      if (READY.test(output)) {
        clearTimeout(timer)
        child.stdout.off('data', onData)
        child.stdout.resume() // keep draining its log, or a full pipe would stall the server
        resolve(child)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(
        error.code === 'ENOENT'
          ? new Error('redis-server is not installed (Debian: apt-get install redis-server)')
          : error,
      )
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(
        Object.assign(new Error(`redis-server exited (${code})`), {
          inUse: /in use/i.test(output),
        }),
      )
    })
  })
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

/** @type {typeof import('./start-redis-server.d.ts').startRedisServer} */
export async function startRedisServer() {
  const dir = await mkdtemp(join(tmpdir(), 'flex-redis-'))
  let child
  let port
  for (let attempt = 1; child === undefined; attempt += 1) {
    port = await findFreePort()
    try {
      child = await launch(port, dir)
    } catch (error) {
      if (!error.inUse || attempt >= 5) {
        await rm(dir, { recursive: true, force: true })
        throw error
      }
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await stopChild(child)
    },
    async restart() {
      await stopChild(child)
      child = await launch(port, dir)
    },
    async close() {
      await stopChild(child)
      await rm(dir, { recursive: true, force: true })
    },
  }
}
