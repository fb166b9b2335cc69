import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { allowHosts, demoHosts } from './allow-hosts.js'

function appFor(hosts: readonly string[]) {
  const app = new Hono()
  app.use(allowHosts(hosts))
  app.get('/', (c) => c.text('ok'))
  app.onError((error, c) => c.text(error.message, 'status' in error ? (error.status as 421) : 500))
  return app
}

describe('demoHosts', () => {
  it('names the loopback hosts with the port, and the public host with and without its default port', () => {
    expect(demoHosts(3000)).toEqual(['127.0.0.1:3000', 'localhost:3000', '[::1]:3000'])
    expect(demoHosts(0, 'https://demo.example.com')).toEqual([
      '127.0.0.1:0',
      'localhost:0',
      '[::1]:0',
      'demo.example.com',
      'demo.example.com:443',
    ])
    expect(demoHosts(3000, 'http://10.0.0.5:8080').at(-1)).toBe('10.0.0.5:8080')
  })
})

describe('allowHosts', () => {
  const app = appFor(demoHosts(3000, 'http://demo.example.com'))

  it.each([
    ['http://127.0.0.1:3000/', undefined],
    ['http://LocalHost:3000/', 'localhost:3000'],
    ['http://[::1]:3000/', '[::1]:3000'],
    ['http://demo.example.com/', 'Demo.Example.COM'],
    ['http://demo.example.com/', 'demo.example.com:80'],
  ])('answers %s with Host %s', async (url, host) => {
    const response = await app.request(url, host === undefined ? {} : { headers: { host } })
    expect(response.status).toBe(200)
  })

  it.each([
    ['http://attacker.example:3000/', undefined],
    ['http://127.0.0.1:3001/', undefined],
    ['http://127.0.0.1:3000/', 'attacker.example'],
    ['http://127.0.0.1:3000/', '127.0.0.1:3000/@attacker.example'],
    ['http://127.0.0.1:3000/', 'user@127.0.0.1:3000'],
    ['http://127.0.0.1:3000/', ''],
    ['http://attacker.example/', 'demo.example.com'],
  ])('refuses %s with Host %s with 421', async (url, host) => {
    const response = await app.request(url, host === undefined ? {} : { headers: { host } })
    expect(response.status).toBe(421)
  })
})
