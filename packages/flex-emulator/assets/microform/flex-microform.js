// flex-emulator's Microform Integration v2 library: the documented public API (new Flex,
// flex.microform, createField, field.load/on/off, createToken) over card fields served in
// iframes from the emulator's own origin. The card number never reaches this page.
;(() => {
  const EVENTS = [
    'autocomplete',
    'blur',
    'change',
    'focus',
    'inputSubmitRequest',
    'load',
    'unload',
    'update',
  ]
  const PREFIX = 'flex-microform'

  class MicroformError extends Error {
    constructor(reason, message, details) {
      super(message)
      this.name = 'MicroformError'
      this.reason = reason
      if (details !== undefined) this.details = details
    }
  }

  function readContext(captureContext) {
    try {
      const part = String(captureContext).split('.')[1].replace(/-/g, '+').replace(/_/g, '/')
      const bytes = Uint8Array.from(atob(part), (char) => char.charCodeAt(0))
      const data = JSON.parse(new TextDecoder().decode(bytes)).ctx[0].data
      if (Array.isArray(data.targetOrigins) && typeof data.mfOrigin === 'string') return data
    } catch {}
    throw new MicroformError('CAPTURE_CONTEXT_INVALID', 'The capture context could not be read.')
  }

  function pageOriginsAllowed(targetOrigins) {
    const ancestors = window.location.ancestorOrigins ? [...window.location.ancestorOrigins] : []
    return [window.location.origin, ...ancestors].every((origin) => targetOrigins.includes(origin))
  }

  function later(callback, ...values) {
    queueMicrotask(() => callback(...values))
  }

  class Field {
    constructor(microform, type, options) {
      this._microform = microform
      this._type = type
      this._options = options
      this._listeners = new Map(EVENTS.map((name) => [name, new Set()]))
      this._iframe = undefined
      this._container = undefined
    }

    load(container) {
      if (this._iframe)
        throw new MicroformError('FIELD_ALREADY_LOADED', 'This field has already been loaded.')
      const element = typeof container === 'string' ? document.querySelector(container) : container
      if (!(element instanceof HTMLElement)) {
        throw new MicroformError(
          'FIELD_LOAD_CONTAINER_SELECTOR',
          'The container could not be found.',
        )
      }
      const iframe = document.createElement('iframe')
      iframe.src = `${this._microform._origin}/microform/bundle/v2/field.html`
      iframe.title = this._type === 'number' ? 'Card number' : 'Security code'
      // Without location.ancestorOrigins (Firefox) the field reads its parent from the referrer.
      iframe.referrerPolicy = 'origin'
      iframe.setAttribute('style', 'border:0;width:100%;height:100%;display:block')
      iframe.addEventListener('load', () =>
        this._post({ type: `${PREFIX}:init`, ...this._microform._init(this) }),
      )
      this._iframe = iframe
      this._container = element
      element.appendChild(iframe)
    }

    on(type, listener) {
      const listeners = this._listeners.get(type)
      if (!listeners)
        throw new MicroformError('FIELD_SUBSCRIBE_UNSUPPORTED_EVENT', 'Unsupported event.')
      listeners.add(listener)
    }

    off(type, listener) {
      this._listeners.get(type)?.delete(listener)
    }

    clear() {
      this._post({ type: `${PREFIX}:clear` })
    }

    focus() {
      this._post({ type: `${PREFIX}:focus` })
    }

    update(options) {
      this._options = { ...this._options, ...options }
      this._post({ type: `${PREFIX}:update`, options: this._options })
    }

    dispose() {
      if (this._iframe) this._receive('unload', {})
      this._iframe?.remove()
      this._container?.classList.remove(`${PREFIX}-focused`, `${PREFIX}-valid`, `${PREFIX}-invalid`)
      this._iframe = undefined
      if (this._microform._fields.get(this._type) !== this) return
      this._microform._fields.delete(this._type)
      if (this._type === 'number') this._microform._abandonPending()
    }

    _post(message) {
      this._iframe?.contentWindow?.postMessage(message, this._microform._origin)
    }

    _receive(name, data) {
      const classes = this._container.classList
      if (name === 'load') this._loaded = true
      if (name === 'focus') classes.add(`${PREFIX}-focused`)
      if (name === 'blur') classes.remove(`${PREFIX}-focused`)
      if (name === 'change') {
        classes.toggle(`${PREFIX}-valid`, data.valid === true)
        classes.toggle(`${PREFIX}-invalid`, data.valid !== true && data.couldBeValid === false)
      }
      for (const listener of this._listeners.get(name) ?? []) listener(data)
    }
  }

  class Microform {
    constructor(flex, options) {
      this._flex = flex
      this._origin = flex._data.mfOrigin
      this._styles = options?.styles ?? {}
      this._fields = new Map()
      this._channel = crypto.randomUUID()
      this._pending = new Map()
      window.addEventListener('message', (event) => this._onMessage(event))
    }

    createField(type, options) {
      if (type !== 'number' && type !== 'securityCode') {
        throw new MicroformError(
          'CREATE_FIELD_INVALID_FIELD_TYPE',
          'Supported values are [ number, securityCode ].',
        )
      }
      if (this._fields.has(type)) {
        throw new MicroformError(
          'CREATE_FIELD_DUPLICATE',
          'This field has already been created for this integration.',
        )
      }
      const field = new Field(this, type, options ?? {})
      this._fields.set(type, field)
      return field
    }

    createToken(options, callback) {
      const done = typeof callback === 'function' ? callback : () => {}
      const { expirationMonth, expirationYear } = options ?? {}
      const badMonth =
        expirationMonth !== undefined && !/^(0[1-9]|1[0-2])$/.test(String(expirationMonth))
      const badYear = expirationYear !== undefined && !/^\d{4}$/.test(String(expirationYear))
      if (badMonth || badYear) {
        const details = [badMonth && 'expirationMonth', badYear && 'expirationYear']
          .filter(Boolean)
          .map((location) => ({ location, message: 'Invalid value' }))
        return later(
          done,
          new MicroformError('CREATE_TOKEN_VALIDATION_PARAMS', 'Invalid parameters.', details),
        )
      }
      const number = this._fields.get('number')
      if (!number?._loaded) {
        return later(
          done,
          new MicroformError('CREATE_TOKEN_NO_FIELDS_LOADED', 'No fields have been loaded.'),
        )
      }
      const id = crypto.randomUUID()
      this._pending.set(id, done)
      number._post({
        type: `${PREFIX}:create-token`,
        id,
        expirationMonth: expirationMonth === undefined ? undefined : String(expirationMonth),
        expirationYear: expirationYear === undefined ? undefined : String(expirationYear),
        securityCode: this._fields.get('securityCode')?._loaded === true,
      })
    }

    // The number field that would answer is gone: each pending callback hears so, once.
    _abandonPending() {
      const reason = 'CREATE_TOKEN_NO_FIELDS_LOADED'
      const message = 'The number field was disposed before the token was created.'
      for (const done of this._pending.values()) later(done, new MicroformError(reason, message))
      this._pending.clear()
    }

    _init(field) {
      return {
        field: field._type,
        captureContext: this._flex._captureContext,
        channel: this._channel,
        styles: this._styles,
        options: field._options,
      }
    }

    _onMessage(event) {
      if (event.origin !== this._origin || typeof event.data?.type !== 'string') return
      const field = [...this._fields.values()].find(
        (each) => each._iframe?.contentWindow === event.source,
      )
      if (!field) return
      const message = event.data
      if (message.type === `${PREFIX}:event` && EVENTS.includes(message.name))
        field._receive(message.name, message.data ?? {})
      if (message.type === `${PREFIX}:token` && this._pending.has(message.id)) {
        const done = this._pending.get(message.id)
        this._pending.delete(message.id)
        const { error } = message
        if (error) done(new MicroformError(error.reason, error.message, error.details))
        else done(null, message.token)
      }
    }
  }

  function Flex(captureContext) {
    if (!(this instanceof Flex)) throw new TypeError('Flex must be called with new')
    this._data = readContext(captureContext)
    this._captureContext = String(captureContext)
  }

  Flex.prototype.microform = function microform(typeOrOptions, maybeOptions) {
    const type = typeof typeOrOptions === 'string' ? typeOrOptions : 'card'
    if (type !== 'card') {
      throw new MicroformError(
        'EMULATOR_NOT_EMULATED',
        'flex-emulator emulates the card microform only.',
      )
    }
    if (!pageOriginsAllowed(this._data.targetOrigins)) {
      throw new MicroformError(
        'CAPTURE_CONTEXT_INVALID',
        "This page's origin is not one of the capture context's targetOrigins.",
      )
    }
    return new Microform(this, typeof typeOrOptions === 'string' ? maybeOptions : typeOrOptions)
  }

  window.Flex = Flex
})()
