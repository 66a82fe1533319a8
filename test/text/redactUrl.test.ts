import { describe, expect, test } from 'vitest'
import { redactUrl, redactUrls } from '../../src/text/redactUrl.js'

describe('redactUrl', () => {
  test.each([
    ['http://alice:s3cret@127.0.0.1:1/rpc?token=abc', 'http://***@127.0.0.1:1/rpc?token=***'],
    ['https://APIKEY123@node.example/rpc', 'https://***@node.example/rpc'],
    [
      'http://node.example:7777/rpc?apikey=k1&chain=casper;x#frag',
      'http://node.example:7777/rpc?apikey=***&chain=***;***#***',
    ],
    ['http://node.example/rpc?bare-token', 'http://node.example/rpc?***'],
    ['http://localhost:7777/rpc', 'http://localhost:7777/rpc'],
    ['http://localhost:7777', 'http://localhost:7777'],
    // A '\' ends the authority for WHATWG URL, not for every client: hidden all the same.
    ['http://alice:s3cret\\@evil.example/rpc', 'http://***@evil.example/rpc'],
    ['http://a%40b:p%3Aw@host/rpc', 'http://***@host/rpc'],
    // Not a URL at all (a mistyped --node): redacted by the same pattern.
    ['alice:s3cret@host', '***@host'],
    ['ftp://u:pw@host/file?x=1', 'ftp://***@host/file?x=***'],
  ])('%s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown)
  })

  test('every URL inside a text', () => {
    expect(
      redactUrls(
        'Request cannot be constructed from a URL that includes credentials: http://alice:s3cret@127.0.0.1:1/rpc?token=abc and https://x@y/?k=v)x',
      ),
    ).toBe(
      'Request cannot be constructed from a URL that includes credentials: http://***@127.0.0.1:1/rpc?token=*** and https://***@y/?k=***',
    )
    expect(redactUrls('no address here: 127.0.0.1:7777')).toBe('no address here: 127.0.0.1:7777')
  })
})
