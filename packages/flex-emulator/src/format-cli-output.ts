import type { CliOutput } from './read-cli-options.js'
import type { FlexEmulator } from './start-flex-emulator.js'
import type { CertificateFile } from './write-certificate-file.js'

function banner(
  emulator: FlexEmulator,
  certificate: CertificateFile | undefined,
  token: boolean,
): string {
  const lines = [
    `Flex API emulator listening on ${emulator.url}`,
    '',
    'Test credentials (generated for this run unless given):',
    `  merchantId:   ${emulator.merchant.merchantId}`,
    `  keyId:        ${emulator.merchant.keyId}`,
    `  sharedSecret: ${emulator.merchant.sharedSecret}`,
  ]
  if (certificate !== undefined) {
    lines.push(
      '',
      `TLS certificate: ${certificate.path}`,
      `  trust it with NODE_EXTRA_CA_CERTS=${certificate.path}`,
    )
  }
  lines.push(
    '',
    emulator.controlUrl === undefined
      ? 'Control API: off (bound to a non-loopback address; set --control-token to turn it on)'
      : `Control API: ${emulator.controlUrl}${token ? ' (send Authorization: Bearer <control token>)' : ''}`,
    '',
    'Press Ctrl+C to stop.',
  )
  return lines.join('\n')
}

/**
 * What the CLI prints once listening: the banner; or for scripts one JSON line (`url`,
 * `merchantId`, `keyId`, `sharedSecret`, and `certificatePath` with TLS); or `FLEX_*=value`
 * lines with the demo's variable names (and `NODE_EXTRA_CA_CERTS` with TLS).
 */
export function formatCliOutput(
  output: CliOutput,
  emulator: FlexEmulator,
  certificate: CertificateFile | undefined,
  controlToken = false,
): string {
  const { merchantId, keyId, sharedSecret } = emulator.merchant
  if (output === 'json') {
    return JSON.stringify({
      url: emulator.url,
      merchantId,
      keyId,
      sharedSecret,
      ...(certificate === undefined ? {} : { certificatePath: certificate.path }),
    })
  }
  if (output === 'env') {
    return [
      `FLEX_ORIGIN=${emulator.url}`,
      `FLEX_MERCHANT_ID=${merchantId}`,
      `FLEX_KEY_ID=${keyId}`,
      `FLEX_SHARED_SECRET=${sharedSecret}`,
      ...(certificate === undefined ? [] : [`NODE_EXTRA_CA_CERTS=${certificate.path}`]),
    ].join('\n')
  }
  return banner(emulator, certificate, controlToken)
}
