// A throwaway self-signed certificate for a loopback TLS server that no client trusts: minimal
// DER (X.690) for an X.509 v1 certificate, signed with node:crypto. No file, no openssl binary.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto'

function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents)
  const length =
    body.length < 0x80
      ? Buffer.from([body.length])
      : Buffer.from([0x82, body.length >> 8, body.length & 0xff])
  return Buffer.concat([Buffer.from([tag]), length, body])
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, ...items)

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14)
  return tlv(0x17, Buffer.from(`${text}Z`, 'ascii'))
}

/** A PEM certificate for CN=localhost and its PEM private key, valid from an hour ago for a day. */
export function createTestCertificate(): { cert: string; key: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  // sha256WithRSAEncryption, and the name CN=localhost
  const algorithm = sequence(tlv(0x06, Buffer.from('2a864886f70d01010b', 'hex')), tlv(0x05))
  const name = sequence(
    tlv(
      0x31,
      sequence(tlv(0x06, Buffer.from('550403', 'hex')), tlv(0x0c, Buffer.from('localhost'))),
    ),
  )
  const serial = randomBytes(8)
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01
  const now = Date.now()
  const tbs = sequence(
    tlv(0x02, serial),
    algorithm,
    name,
    sequence(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  )
  const der = sequence(tbs, algorithm, tlv(0x03, Buffer.from([0]), sign('sha256', tbs, privateKey)))
  const lines = der.toString('base64').match(/.{1,64}/g) ?? []
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
}
