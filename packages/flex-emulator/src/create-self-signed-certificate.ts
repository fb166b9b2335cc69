import { generateKeyPair, type KeyObject, randomBytes, sign } from 'node:crypto'
import { isIP } from 'node:net'

/** A PEM certificate and its PEM private key. */
export interface SelfSignedCertificate {
  certificate: string
  privateKey: string
}

// Minimal DER (X.690) encoding: just what one X.509 v3 certificate needs.
function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length])
  const bytes: number[] = []
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents)
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body])
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, ...items)
const set = (...items: Buffer[]): Buffer => tlv(0x31, ...items)
const octetString = (content: Buffer): Buffer => tlv(0x04, content)
const bitString = (content: Buffer, unusedBits = 0): Buffer =>
  tlv(0x03, Buffer.from([unusedBits]), content)
const booleanTrue = (): Buffer => tlv(0x01, Buffer.from([0xff]))

function integer(bytes: Buffer): Buffer {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1
  const trimmed = bytes.subarray(start)
  return tlv(0x02, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed)
}

function objectIdentifier(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [first * 40 + second]
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f]
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) {
      chunk.unshift((value & 0x7f) | 0x80)
    }
    bytes.push(...chunk)
  }
  return tlv(0x06, Buffer.from(bytes))
}

function time(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(0, 14)
  return date.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${text.slice(2)}Z`, 'ascii'))
    : tlv(0x18, Buffer.from(`${text}Z`, 'ascii'))
}

function ipAddressBytes(address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number))
  const [head = '', tail = ''] = address.split('::')
  const groups = (part: string): number[] =>
    part ? part.split(':').map((hex) => Number.parseInt(hex, 16)) : []
  const left = groups(head)
  const right = address.includes('::') ? groups(tail) : []
  const words = [...left, ...new Array(8 - left.length - right.length).fill(0), ...right]
  return Buffer.from(words.flatMap((word) => [word >> 8, word & 0xff]))
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [booleanTrue()] : []), octetString(value))
}

function generateRsaKeyObjects(): Promise<{
  publicSpki: Buffer
  privatePem: string
  privateKey: KeyObject
}> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) => {
      if (error) reject(error)
      else
        resolve({
          publicSpki: publicKey.export({ type: 'spki', format: 'der' }),
          privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          privateKey,
        })
    })
  })
}

/**
 * Makes a self-signed X.509 v3 certificate (RSA-2048, SHA-256) for `host`, valid for a day,
 * with subject alternative names for the host, `localhost`, 127.0.0.1 and ::1, so a client can
 * trust exactly this certificate for the emulator's TLS.
 */
export async function createSelfSignedCertificate(host: string): Promise<SelfSignedCertificate> {
  const { publicSpki, privatePem, privateKey } = await generateRsaKeyObjects()
  const sha256WithRsa = sequence(objectIdentifier('1.2.840.113549.1.1.11'), tlv(0x05))
  const name = sequence(
    set(sequence(objectIdentifier('2.5.4.3'), tlv(0x0c, Buffer.from('flex-emulator', 'utf8')))),
  )
  const addresses = new Set(['127.0.0.1', '::1'])
  const dnsNames = new Set(['localhost'])
  const bareHost = host.replace(/^\[|\]$/g, '')
  if (isIP(bareHost) !== 0) addresses.add(bareHost)
  else dnsNames.add(bareHost)
  const subjectAltNames = sequence(
    ...[...dnsNames].map((dns) => tlv(0x82, Buffer.from(dns, 'ascii'))),
    ...[...addresses].map((address) => tlv(0x87, ipAddressBytes(address))),
  )
  const now = Date.now()
  const serial = randomBytes(16)
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01
  const tbsCertificate = sequence(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    sha256WithRsa,
    name,
    sequence(time(new Date(now - 60_000)), time(new Date(now + 86_400_000))),
    name,
    publicSpki,
    tlv(
      0xa3,
      sequence(
        extension('2.5.29.19', true, sequence(booleanTrue())),
        // digitalSignature, keyEncipherment, keyCertSign
        extension('2.5.29.15', true, bitString(Buffer.from([0xa4]), 2)),
        extension('2.5.29.37', false, sequence(objectIdentifier('1.3.6.1.5.5.7.3.1'))),
        extension('2.5.29.17', false, subjectAltNames),
      ),
    ),
  )
  const signature = sign('sha256', tbsCertificate, privateKey)
  const der = sequence(tbsCertificate, sha256WithRsa, bitString(signature))
  const base64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')
  return {
    certificate: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`,
    privateKey: privatePem,
  }
}
