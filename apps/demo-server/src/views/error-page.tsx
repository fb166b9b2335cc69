import type { FC } from 'hono/jsx'
import { Layout, type TargetInfo } from './layout.js'

interface ErrorPageProps {
  target: TargetInfo
  heading: string
  /** Safe to show: written by the app, never taken from the request or an error. */
  message: string
  /** A page that helps further, e.g. the transactions list. */
  link?: { href: string; label: string } | undefined
}

/** The page of a refused or failed request: what happened and the way back to the terminal. */
export const ErrorPage: FC<ErrorPageProps> = ({ target, heading, message, link }) => (
  <Layout title="Error" target={target}>
    <div class="page-head">
      <h1>{heading}</h1>
      <p>{message}</p>
    </div>
    <p>
      {link ? (
        <a class="button" href={link.href}>
          {link.label}
        </a>
      ) : null}{' '}
      <a class="button button-secondary" href="/">
        Back to the virtual terminal
      </a>
    </p>
  </Layout>
)
