export interface RecordedRequest {
  readonly url: string
  readonly method: string
  readonly headers: Headers
  readonly body: string
}

export interface FakeFetch {
  (input: RequestInfo | URL, init?: RequestInit): Promise<Response>
  /** Every request seen so far, in order. */
  readonly requests: RecordedRequest[]
}

type Responder = (request: RecordedRequest, index: number) => Response | Promise<Response>

/**
 * A `fetch` replacement that records each request and answers with the responder's `Response`
 * (throw from the responder to simulate a network error).
 */
export function createFakeFetch(responder: Responder): FakeFetch {
  const requests: RecordedRequest[] = []
  const fake = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const recorded: RecordedRequest = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: request.body ? await request.text() : '',
    }
    requests.push(recorded)
    return responder(recorded, requests.length - 1)
  }
  return Object.assign(fake, { requests })
}
