/** The dashboard's stylesheet. Plain CSS, no build step; works without JavaScript. */
export const STYLES = `
:root { --ink: #1d2430; --muted: #5b6472; --line: #d9dee5; --bg: #f6f7f9; --card: #fff; --brand: #0b4f8a;
  --late: #b42318; --late-bg: #fdecea; --warn: #9a6700; --warn-bg: #fff6db; --ok: #1a7f37; --ok-bg: #e8f5ec; --focus: #ffbf47;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif; color: var(--ink); }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); font-size: 15px; line-height: 1.45; }
a { color: var(--brand); }
a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline: 3px solid var(--focus); outline-offset: 1px; }
.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .6rem 1.25rem; background: var(--brand); color: #fff; }
.top a { color: #fff; text-decoration: none; padding: .25rem .1rem; border-bottom: 2px solid transparent; }
.top a[aria-current="page"] { border-bottom-color: #fff; font-weight: 600; }
.top .brand { font-weight: 700; margin-inline-end: 1rem; }
.top nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; flex: 1; }
.top .who { display: flex; align-items: center; gap: .75rem; font-size: .9rem; }
.top .who button { background: transparent; color: #fff; border: 1px solid #fff8; border-radius: 4px; padding: .2rem .6rem; cursor: pointer; }
main { padding: 1rem 1.25rem 3rem; max-width: 1400px; margin: 0 auto; }
h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .6rem; }
.card > h2:first-child { margin-top: 0; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin-bottom: 1rem; }
.grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); }
.flash { padding: .6rem .9rem; border-radius: 6px; margin-bottom: 1rem; border: 1px solid; }
.flash.done { background: var(--ok-bg); border-color: #9bd3ae; }
.flash.error { background: var(--late-bg); border-color: #f1aeb5; }
table { border-collapse: collapse; width: 100%; background: var(--card); }
th, td { text-align: start; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); background: #fafbfc; }
td.ref { white-space: nowrap; }
td.num, th.num { text-align: end; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
.table-wrap table { border: 0; }
tr.late td:first-child { box-shadow: inset 4px 0 0 var(--late); }
tr.late { background: var(--late-bg); }
strong.warn { color: var(--late); }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: 999px; font-size: .78rem; border: 1px solid var(--line); background: #eef1f5; white-space: nowrap; }
.badge.urgent, .badge.late { background: var(--late); color: #fff; border-color: var(--late); }
.badge.protection { background: #f3e8ff; border-color: #d8b4fe; }
.badge.flag { background: var(--warn-bg); border-color: #f0d58c; }
.badge.ok { background: var(--ok-bg); border-color: #9bd3ae; }
.muted { color: var(--muted); }
.counts { display: grid; gap: .75rem; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); margin-bottom: 1rem; }
.count { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .7rem .9rem; text-decoration: none; color: inherit; display: block; }
.count strong { font-size: 1.6rem; display: block; }
.count.late { border-color: var(--late); }
.count .late-n { color: var(--late); font-weight: 600; }
form.filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: flex-end; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .8rem; margin-bottom: 1rem; }
form.filters label, .field { display: flex; flex-direction: column; font-size: .82rem; color: var(--muted); gap: .2rem; }
form.filters label.check { flex-direction: row; align-items: center; gap: .35rem; color: var(--ink); font-size: .9rem; }
input, select, textarea { font: inherit; padding: .35rem .5rem; border: 1px solid #b8c0cc; border-radius: 5px; background: #fff; color: var(--ink); }
textarea { width: 100%; min-height: 4.5rem; }
button, .button { font: inherit; padding: .4rem .9rem; border-radius: 5px; border: 1px solid var(--brand); background: var(--brand); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--brand); }
button.danger { background: var(--late); border-color: var(--late); }
.card > form + form { margin-top: .9rem; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.pager { display: flex; gap: 1rem; align-items: center; margin-top: .75rem; }
dl.facts { display: grid; grid-template-columns: minmax(10rem, max-content) 1fr; gap: .3rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
ol.timeline { list-style: none; padding: 0; margin: 0; }
ol.timeline li { padding: .45rem 0; border-bottom: 1px solid var(--line); }
ol.timeline time, .transcript time { color: var(--muted); font-size: .85rem; }
.transcript { max-height: 32rem; overflow-y: auto; display: flex; flex-direction: column; gap: .4rem; }
.transcript .msg { max-width: 80%; padding: .4rem .65rem; border-radius: 10px; white-space: pre-wrap; }
.transcript .in { align-self: flex-start; background: #e7eef7; }
.transcript .out { align-self: flex-end; background: #f1f1f1; }
.rules li { margin-bottom: .4rem; }
.chart { width: 100%; height: auto; max-width: 900px; display: block; }
.chart text { font-size: 12px; fill: var(--ink); }
.chart .axis { stroke: var(--line); }
.legend { display: flex; flex-wrap: wrap; gap: .35rem 1rem; font-size: .85rem; margin: .4rem 0; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: .35rem; }
.legend svg { width: 12px; height: 12px; }
.big { font-size: 2rem; font-weight: 700; }
meter { width: 10rem; height: 1rem; }
.login { max-width: 30rem; margin: 4rem auto; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
details > summary { cursor: pointer; color: var(--brand); }
code { background: #eef1f5; padding: .05rem .3rem; border-radius: 4px; }
`;
