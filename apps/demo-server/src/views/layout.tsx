import type { Child, FC } from 'hono/jsx'

/** Where the demo's Flex calls go, as the page header shows it. */
export interface TargetInfo {
  /** `emulator`: the in-process emulator; `test`/`production`: Cybersource; `origin`: a URL. */
  kind: 'emulator' | 'test' | 'production' | 'origin'
  /** A short label such as `Emulator` or `Cybersource test`. */
  label: string
  /** The API origin the calls go to. */
  origin: string
}

interface LayoutProps {
  title: string
  target: TargetInfo
  current?: 'terminal' | 'checkout' | 'fields' | 'transactions'
  /** Adds the optional countdown script. */
  countdown?: boolean
  /** More elements of the head (the checkout's stylesheet and scripts). */
  head?: Child
  /** Replaces the footer's note (the checkout's card data never reaches this server). */
  footnote?: string
  children?: Child
}

/** The page frame: header with the environment badge, main content and footer. */
export const Layout: FC<LayoutProps> = ({
  title,
  target,
  current,
  countdown,
  head,
  footnote,
  children,
}) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <title>{`${title} · Virtual terminal`}</title>
      <link rel="icon" href="/favicon.ico" type="image/svg+xml" />
      <link rel="stylesheet" href="/assets/styles.css" />
      {countdown ? <script src="/assets/countdown.js" defer /> : null}
      {head}
    </head>
    <body>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href="/">
            <span class="brand-mark" aria-hidden="true">
              F
            </span>
            <span>
              Flex <span class="brand-sub">Virtual terminal</span>
            </span>
          </a>
          <nav class="topnav" aria-label="Main">
            <a href="/" aria-current={current === 'terminal' ? 'page' : undefined}>
              New payment
            </a>
            <a href="/checkout" aria-current={current === 'checkout' ? 'page' : undefined}>
              Checkout
            </a>
            <a href="/transactions" aria-current={current === 'transactions' ? 'page' : undefined}>
              Transactions
            </a>
            <a href="/fields" aria-current={current === 'fields' ? 'page' : undefined}>
              Fields
            </a>
            <span
              class={`env env-${target.kind === 'origin' ? 'test' : target.kind}`}
              title={`Flex calls go to ${target.origin}`}
            >
              {target.label}
            </span>
          </nav>
        </div>
      </header>
      <main id="main">{children}</main>
      <footer>
        <p>
          {footnote ??
            "Card data is encrypted to Cybersource Flex's one-time key on this server and replaced by a transient token, which pays. Card numbers, security codes and tokens are never shown, kept or logged."}
        </p>
      </footer>
    </body>
  </html>
)
