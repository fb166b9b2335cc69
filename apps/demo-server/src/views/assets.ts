/** The page's stylesheet, served from `/assets/styles.css` (a strict CSP forbids inline styles). */
export const STYLES: string = `
:root {
  --bg: #f5f6f8;
  --surface: #ffffff;
  --ink: #1a1f36;
  --ink-soft: #4f566b;
  --ink-faint: #8792a2;
  --line: #e3e8ee;
  --accent: #4f46e5;
  --accent-ink: #ffffff;
  --accent-soft: #eef2ff;
  --ok: #0e7a4b;
  --ok-soft: #e6f6ee;
  --warn: #a05a00;
  --warn-soft: #fff4e0;
  --bad: #c0243c;
  --bad-soft: #fdecee;
  --radius: 10px;
  --shadow: 0 1px 2px rgba(26, 31, 54, 0.06), 0 4px 16px rgba(26, 31, 54, 0.05);
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  color: var(--ink);
  background: var(--bg);
  line-height: 1.5;
  -webkit-font-smoothing: antialiased;
}
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
:focus-visible { outline: 3px solid #a5b4fc; outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; top: 0; background: var(--surface); padding: 8px 12px; }
.skip-link:focus { left: 8px; top: 8px; z-index: 10; }

.topbar { background: var(--surface); border-bottom: 1px solid var(--line); }
.topbar-inner { max-width: 1120px; margin: 0 auto; padding: 14px 24px; display: flex; align-items: center; gap: 16px; }
.brand { display: flex; align-items: center; gap: 10px; font-weight: 650; font-size: 16px; color: var(--ink); }
.brand:hover { text-decoration: none; }
.brand-mark { width: 28px; height: 28px; border-radius: 8px; background: linear-gradient(135deg, #6366f1, #4338ca); display: grid; place-items: center; color: #fff; font-size: 14px; font-weight: 700; }
.brand-sub { color: var(--ink-faint); font-weight: 500; }
.topnav { margin-left: auto; display: flex; align-items: center; gap: 18px; font-size: 14px; }
.topnav a { color: var(--ink-soft); }
.topnav a[aria-current='page'] { color: var(--ink); font-weight: 600; }
.env { display: inline-flex; align-items: center; gap: 6px; padding: 3px 10px; border-radius: 999px; font-size: 12px; font-weight: 600; border: 1px solid transparent; }
.env::before { content: ''; width: 7px; height: 7px; border-radius: 50%; background: currentColor; }
.env-emulator { color: var(--accent); background: var(--accent-soft); border-color: #c7d2fe; }
.env-test { color: var(--warn); background: var(--warn-soft); border-color: #f5d9a8; }
.env-production { color: var(--bad); background: var(--bad-soft); border-color: #f5c2c9; }

main { flex: 1; width: 100%; max-width: 1120px; margin: 0 auto; padding: 32px 24px 48px; }
.page-head { margin-bottom: 24px; }
.page-head h1 { font-size: 24px; line-height: 1.25; margin: 0 0 4px; letter-spacing: -0.01em; }
.page-head p { margin: 0; color: var(--ink-soft); }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 24px; align-items: start; }
@media (max-width: 860px) { .layout { grid-template-columns: 1fr; } }

.card { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); }
.card-body { padding: 24px; }
.card-head { padding: 18px 24px; border-bottom: 1px solid var(--line); display: flex; align-items: center; justify-content: space-between; gap: 12px; }
.card-head h2 { font-size: 16px; margin: 0; }
.card-foot { padding: 16px 24px; border-top: 1px solid var(--line); background: #fafbfc; border-radius: 0 0 var(--radius) var(--radius); display: flex; align-items: center; gap: 12px; justify-content: space-between; flex-wrap: wrap; }
.stack > * + * { margin-top: 24px; }

fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
fieldset + fieldset { margin-top: 28px; padding-top: 24px; border-top: 1px solid var(--line); }
legend { float: left; width: 100%; font-size: 13px; font-weight: 650; text-transform: uppercase; letter-spacing: 0.06em; color: var(--ink-faint); margin-bottom: 14px; padding: 0; }
legend + * { clear: both; }
.grid { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 16px; }
.field { grid-column: span 6; display: flex; flex-direction: column; gap: 6px; }
.field-half { grid-column: span 3; }
.field-third { grid-column: span 2; }
@media (max-width: 560px) { .field-half, .field-third { grid-column: span 6; } }
label { font-size: 14px; font-weight: 600; color: var(--ink); }
.optional { font-weight: 400; color: var(--ink-faint); }
.hint { font-size: 13px; color: var(--ink-faint); margin: 0; }
input, select { font: inherit; font-size: 15px; color: var(--ink); background: var(--surface); border: 1px solid #cfd7df; border-radius: 8px; padding: 9px 12px; width: 100%; transition: border-color 0.15s, box-shadow 0.15s; }
select { appearance: none; background-image: linear-gradient(45deg, transparent 50%, var(--ink-soft) 50%), linear-gradient(135deg, var(--ink-soft) 50%, transparent 50%); background-position: calc(100% - 17px) 50%, calc(100% - 12px) 50%; background-size: 5px 5px; background-repeat: no-repeat; padding-right: 32px; }
input:focus, select:focus { outline: none; border-color: var(--accent); box-shadow: 0 0 0 3px rgba(79, 70, 229, 0.18); }
input.mono { font-family: var(--mono); letter-spacing: 0.04em; }
[aria-invalid='true'] { border-color: var(--bad); background-color: #fffafa; }
[aria-invalid='true']:focus { box-shadow: 0 0 0 3px rgba(192, 36, 60, 0.15); border-color: var(--bad); }
.field-error { font-size: 13px; color: var(--bad); font-weight: 500; margin: 0; display: flex; gap: 6px; align-items: baseline; }
.field-error::before { content: '!'; display: inline-grid; place-items: center; width: 16px; height: 16px; border-radius: 50%; background: var(--bad); color: #fff; font-size: 11px; font-weight: 700; flex: none; transform: translateY(2px); }

.button { display: inline-flex; align-items: center; justify-content: center; gap: 8px; font: inherit; font-size: 15px; font-weight: 600; border-radius: 8px; padding: 10px 18px; border: 1px solid transparent; cursor: pointer; text-decoration: none; }
.button:hover { text-decoration: none; }
.button-primary { background: var(--accent); color: var(--accent-ink); box-shadow: 0 1px 2px rgba(67, 56, 202, 0.3); }
.button-primary:hover { background: #4338ca; }
.button-secondary { background: var(--surface); color: var(--ink); border-color: #cfd7df; }
.button-secondary:hover { background: #f7f8fa; }
.secure-note { font-size: 13px; color: var(--ink-faint); display: flex; align-items: center; gap: 6px; margin: 0; }

.alert { border-radius: var(--radius); padding: 16px 20px; border: 1px solid; }
.alert h2 { font-size: 15px; margin: 0 0 6px; }
.alert p { margin: 0; }
.alert ul { margin: 8px 0 0; padding-left: 20px; }
.alert-error { background: var(--bad-soft); border-color: #f5c2c9; color: #7a1526; }
.alert-error a { color: #7a1526; text-decoration: underline; }
.alert-success { background: var(--ok-soft); border-color: #b7e4cb; color: #0b5235; }

.aside h2 { font-size: 14px; margin: 0 0 10px; }
.aside p { font-size: 14px; color: var(--ink-soft); margin: 0 0 12px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; padding: 0; margin: 0 0 14px; }
.chip { font-size: 12px; padding: 3px 9px; border-radius: 999px; background: #f1f3f7; color: var(--ink-soft); border: 1px solid var(--line); }
.chip-required { background: var(--accent-soft); color: #3730a3; border-color: #c7d2fe; }
.steps-mini { margin: 0; padding-left: 18px; font-size: 14px; color: var(--ink-soft); }
.steps-mini li + li { margin-top: 4px; }

.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 0; margin: 0; }
.facts > div { padding: 16px 24px; border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); }
.facts dt { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--ink-faint); font-weight: 600; margin-bottom: 4px; }
.facts dd { margin: 0; font-size: 15px; font-weight: 550; }
.mono, code { font-family: var(--mono); font-size: 0.92em; }
.muted { color: var(--ink-faint); font-weight: 400; }
.countdown { font-variant-numeric: tabular-nums; }
.until { display: block; font-size: 13px; color: var(--ink-faint); font-weight: 400; }
.step-detail .until { display: inline; }
.step-detail .until::before { content: ' · '; }

.timeline { list-style: none; margin: 0; padding: 8px 24px 16px; }
.timeline li { display: grid; grid-template-columns: 28px minmax(0, 1fr) auto; gap: 14px; padding: 14px 0; border-bottom: 1px dashed var(--line); align-items: start; }
.timeline li:last-child { border-bottom: 0; }
.status { width: 24px; height: 24px; border-radius: 50%; display: grid; place-items: center; font-size: 13px; font-weight: 700; margin-top: 1px; }
.status-ok { background: var(--ok-soft); color: var(--ok); }
.status-failed { background: var(--bad-soft); color: var(--bad); }
.status-skipped { background: #f1f3f7; color: var(--ink-faint); }
.step-name { font-weight: 600; margin: 0; }
.step-detail { margin: 2px 0 0; font-size: 14px; color: var(--ink-soft); }
.step-detail + .step-detail { margin-top: 0; }
.duration { font-family: var(--mono); font-size: 13px; color: var(--ink-soft); background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 2px 8px; white-space: nowrap; }
.total { font-size: 14px; color: var(--ink-soft); }

table.picker { width: 100%; border-collapse: collapse; font-size: 14px; }
.picker th, .picker td { text-align: left; padding: 10px 24px; border-bottom: 1px solid var(--line); }
.picker thead th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--ink-faint); background: #fafbfc; }
.picker tbody th { font-weight: 500; }
.picker td { width: 200px; }
.picker .group th { background: #fafbfc; font-size: 13px; font-weight: 650; color: var(--ink-soft); }
.picker select { padding: 6px 32px 6px 10px; font-size: 14px; }
.path { display: block; font-family: var(--mono); font-size: 12px; color: var(--ink-faint); font-weight: 400; }

@media (max-width: 560px) {
  .topbar-inner { padding: 12px 16px; gap: 12px; }
  .brand-sub { display: none; }
  .topnav { gap: 12px; }
  .topnav a, .env { white-space: nowrap; }
  main { padding: 24px 16px 40px; }
  .card-body, .card-head, .card-foot { padding-left: 16px; padding-right: 16px; }
  .picker th, .picker td { padding-left: 16px; padding-right: 16px; }
  .picker td { width: auto; }
}

footer { border-top: 1px solid var(--line); background: var(--surface); }
footer p { max-width: 1120px; margin: 0 auto; padding: 16px 24px; font-size: 13px; color: var(--ink-faint); }
`

/**
 * The optional countdown ticker, served from `/assets/countdown.js`. The page is complete without
 * it: the server renders the time left, the script only keeps it current.
 */
export const COUNTDOWN_SCRIPT: string = `
for (const element of document.querySelectorAll('[data-expires-at]')) {
  const expiresAt = Date.parse(element.getAttribute('data-expires-at'))
  const tick = () => {
    const seconds = Math.floor((expiresAt - Date.now()) / 1000)
    element.textContent = seconds <= 0
      ? 'expired'
      : Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0')
    if (seconds > 0) setTimeout(tick, 1000 - (Date.now() % 1000))
  }
  tick()
}
`

/** The favicon, served from `/favicon.ico` as SVG: the brand mark. */
export const FAVICON: string = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4f46e5"/><path d="M11 8h11v3.5h-7v3.5h6v3.5h-6V24h-4z" fill="#fff"/></svg>`
