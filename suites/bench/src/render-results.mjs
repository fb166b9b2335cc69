// Markdown for RESULTS.md and the console: the headline ratios with their goals, then one table
// per section. Numbers only: no token, key or card data ever reaches these functions.

import { medianRatio } from './measure.mjs'

const rate = (value) =>
  value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)

function formatHeadlineValue(item) {
  if (item.format) return item.format(item.value)
  if (item.absolute) return rate(item.value)
  return `${item.value.toFixed(2)}×`
}

function formatGoal(item) {
  if (item.goal === undefined) return '—'
  const sign = item.atMost ? '≤' : '≥'
  return `${sign} ${item.format ? item.format(item.goal) : item.absolute ? rate(item.goal) : `${item.goal}×`}`
}

/** Whether a headline item meets its goal; `undefined` when it has none. */
export function meetsGoal(item) {
  if (item.goal === undefined) return undefined
  return item.atMost ? item.value <= item.goal : item.value >= item.goal
}

export function renderHeadline(sections) {
  const lines = ['| measure | result | goal | met |', '| --- | ---: | ---: | :---: |']
  for (const section of sections) {
    for (const item of section.headline) {
      const met = meetsGoal(item)
      lines.push(
        `| ${item.label} | ${formatHeadlineValue(item)} | ${formatGoal(item)} | ${met === undefined ? '—' : met ? 'yes' : '**no**'} |`,
      )
    }
  }
  return lines.join('\n')
}

function renderRates(section) {
  const modes = Object.keys(section.results)
  const header = ['candidate']
  for (const mode of modes) {
    header.push(`${mode}: median ${section.unit}`, 'min – max')
    if (section.reference) header.push('× raw jose (median of round ratios)')
  }
  const lines = [`| ${header.join(' | ')} |`, `| --- |${' ---: |'.repeat(header.length - 1)}`]
  for (const name of Object.keys(section.results[modes[0]])) {
    const cells = [name]
    for (const mode of modes) {
      const { min, median, max } = section.results[mode][name]
      cells.push(rate(median), `${rate(min)} – ${rate(max)}`)
      if (section.reference) {
        cells.push(`${medianRatio(section.results[mode], name, section.reference).toFixed(2)}×`)
      }
    }
    lines.push(`| ${cells.join(' | ')} |`)
  }
  return lines.join('\n')
}

const megabytes = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`

function renderFootprint(section) {
  const { ours, payments, official } = section.footprint
  const lines = [
    '| install | packages | bytes on disk |',
    '| --- | ---: | ---: |',
    `| flex-jwt + flex-jwe + flex-client (tarballs) | ${ours.packages.length} (${ours.packages.join(', ')}) | ${megabytes(ours.bytes)} |`,
    `| flex-client + flex-payments (tarballs) | ${payments.packages.length} (${payments.packages.join(', ')}) | ${megabytes(payments.bytes)} |`,
    `| of which flex-payments (its code: dist/index.js) | 1 | ${(payments.paymentsBytes / 1e3).toFixed(1)} kB (${(payments.paymentsCodeBytes / 1e3).toFixed(1)} kB) |`,
    `| flex-payments tarball (download) | 1 | ${(payments.paymentsTarballBytes / 1e3).toFixed(1)} kB |`,
  ]
  if (official) {
    lines.push(
      `| cybersource-rest-client ${official.version} | ${official.packages.length} | ${megabytes(official.bytes)} |`,
    )
    lines.push(
      `| ratio official / ours | ${(official.packages.length / ours.packages.length).toFixed(1)}× | ${(official.bytes / ours.bytes).toFixed(1)}× |`,
    )
  } else {
    lines.push('| cybersource-rest-client | not installed in the smoke run | |')
  }
  lines.push(
    '',
    `| cold import, ${section.importRuns} fresh process(es) each | median ms | min – max ms |`,
    '| --- | ---: | ---: |',
  )
  for (const [name, { min, median, max }] of Object.entries(section.imports)) {
    lines.push(`| ${name} | ${median.toFixed(1)} | ${min.toFixed(1)} – ${max.toFixed(1)} |`)
  }
  return lines.join('\n')
}

export function renderSection(section) {
  const body = section.footprint ? renderFootprint(section) : renderRates(section)
  const notes = section.notes.map((note) => `- ${note}`).join('\n')
  return `## ${section.title}\n\n${body}\n\n${notes}\n`
}
