/** The styles of the payment pages, appended to `STYLES` in `/assets/styles.css`. */
export const PAYMENT_STYLES: string = `
.alert-warn { background: var(--warn-soft); border-color: #f5d9a8; color: #6b3d00; }
.alert-warn p + p { margin-top: 8px; }
.alert p + p { margin-top: 6px; }
.badge { display: inline-block; font-size: 12px; font-weight: 650; padding: 2px 9px; border-radius: 999px; background: #f1f3f7; color: var(--ink-soft); border: 1px solid var(--line); }
.badge-ok { background: var(--ok-soft); color: var(--ok); border-color: #b7e4cb; }
.badge-bad { background: var(--bad-soft); color: var(--bad); border-color: #f5c2c9; }
.badge-warn { background: var(--warn-soft); color: var(--warn); border-color: #f5d9a8; }
table.list, table.triggers { width: 100%; border-collapse: collapse; font-size: 14px; }
.list th, .list td { text-align: left; padding: 10px 24px; border-bottom: 1px solid var(--line); vertical-align: top; }
.list thead th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--ink-faint); background: #fafbfc; }
.triggers th, .triggers td { text-align: left; padding: 6px 4px; border-bottom: 1px solid var(--line); font-size: 13px; vertical-align: top; }
.test-cards .plain { list-style: none; padding: 0; margin: 0 0 12px; font-size: 14px; }
.test-cards .plain li + li { margin-top: 4px; }
.intent { margin-top: 28px; padding-top: 24px; border-top: 1px solid var(--line); }
.choice { display: flex; align-items: center; gap: 8px; font-weight: 600; margin-bottom: 8px; }
.choice input { width: auto; }
.actions { display: flex; flex-wrap: wrap; gap: 12px; }
.actions p { margin: 0; }
.receipt .facts dd code { font-size: 14px; }
.hint-line { font-weight: 600; }
.facts dd.mono, .alert code { overflow-wrap: anywhere; }
.triggers td:first-child { white-space: nowrap; }
`
