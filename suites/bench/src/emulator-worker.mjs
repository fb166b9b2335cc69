// The emulator under load runs in its own thread, the SDK client in the main one, so that the
// two do not share one event loop (on a real deployment they do not share a process at all).
import { parentPort, workerData } from 'node:worker_threads'
import { startFlexEmulator } from 'flex-emulator'

const emulator = await startFlexEmulator(workerData)
await emulator.waitForKeyPool()
parentPort.postMessage({ url: emulator.url, merchant: emulator.merchant })
parentPort.on('message', async (message) => {
  if (message === 'busy') {
    // Milliseconds this thread's event loop has been busy since it started.
    parentPort.postMessage(performance.eventLoopUtilization().active)
  } else if (message === 'fill') {
    await emulator.waitForKeyPool()
    parentPort.postMessage('filled')
  } else if (message === 'close') {
    await emulator.close()
    parentPort.postMessage('closed')
    parentPort.close()
  }
})
