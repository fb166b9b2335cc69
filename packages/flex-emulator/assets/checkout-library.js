// flex-emulator does not emulate Unified Checkout's client library. This script is what a Unified
// Checkout capture context's clientLibrary names, so that the page learns it at once.
;(() => {
  window.Accept = function Accept() {
    return Promise.reject(
      new Error(
        "flex-emulator: Unified Checkout's client library is not emulated; use Microform Integration v2 (new Flex(captureContext)) against the emulator.",
      ),
    )
  }
})()
