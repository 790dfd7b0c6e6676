/**
 * The status page's stylesheet and script, served from /assets/ so the page can forbid inline
 * code (Content-Security-Policy). No build step: plain CSS and ES2017 in strings.
 *
 * Badge colours: white text on each background has a contrast ratio ≥ 4.5:1 (WCAG AA for
 * normal text), checked by the Chromium e2e test; the label is text, so colour is never the
 * only signal.
 */
export const STATUS_CSS = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #ffffff; }
body { margin: 0 auto; max-width: 78rem; padding: 1rem 1.5rem 3rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin-bottom: .25rem; }
a { color: #0550ae; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; background: #f6f8fa; padding: 0 .2em; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid #d0d7de; }
thead th { background: #f6f8fa; }
tbody th { font-weight: 600; }
.badge { display: inline-block; padding: .05rem .55rem; border-radius: 1rem; font-size: .85rem; font-weight: 600; color: #ffffff; white-space: nowrap; }
.badge-in-sync { background: #1a7f37; }
.badge-drifted { background: #9a6700; }
.badge-applying { background: #0969da; }
.badge-stalled { background: #cf222e; }
.badge-failing { background: #bc4c00; }
.badge-suspended { background: #424a53; }
.badge-pending { background: #57606a; }
.facts, .reason, .message, .result, .running, footer { color: #57606a; }
.message { font-size: .85rem; }
.totals .badge { margin-right: .15rem; }
ul.inline { list-style: none; margin: 0; padding: 0; }
.filter { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .75rem 0; }
.filter input, .filter select, .filter button { font: inherit; padding: .2rem .4rem; }
.group { margin-left: .25rem; }
.changes > li { margin-bottom: .5rem; }
.fields, .steps { margin: .15rem 0; font-size: .9rem; }
.group-create h3 { color: #116329; }
.group-delete h3, .group-replace h3 { color: #a40e26; }
.group-update h3, .group-migrate h3, .group-rollout h3 { color: #7d4e00; }
dl.facts-list { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts-list dt { font-weight: 600; }
dl.facts-list dd { margin: 0; }
`;

/**
 * Refreshes <main> and the footer in place every `data-refresh-seconds` (no flicker, keeps the
 * scroll position and the filter), pauses while the tab is hidden, and shows times as relative.
 */
export const STATUS_JS = `
(function () {
  'use strict';
  var seconds = Number(document.body.getAttribute('data-refresh-seconds')) || 10;
  function ago(iso) {
    var s = Math.round((Date.now() - Date.parse(iso)) / 1000);
    if (Math.abs(s) < 2) return 'now';
    var future = s < 0; s = Math.abs(s);
    var text = s < 60 ? s + ' s' : s < 3600 ? Math.round(s / 60) + ' min' : s < 86400 ? Math.round(s / 3600) + ' h' : Math.round(s / 86400) + ' d';
    return future ? 'in ' + text : text + ' ago';
  }
  function relativeTimes(root) {
    var times = root.querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i++) {
      var t = times[i];
      if (!t.getAttribute('title')) t.setAttribute('title', t.textContent);
      t.textContent = ago(t.getAttribute('datetime'));
    }
  }
  function swap(id, from) {
    var next = from.getElementById(id);
    var current = document.getElementById(id);
    if (next && current) current.innerHTML = next.innerHTML;
  }
  function refresh() {
    // never swap the form out from under someone typing a filter
    var active = document.activeElement;
    if (document.hidden || (active && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName))) return;
    fetch(location.href, { headers: { accept: 'text/html' }, cache: 'no-store' })
      .then(function (response) { if (!response.ok) throw new Error(String(response.status)); return response.text(); })
      .then(function (text) {
        var next = new DOMParser().parseFromString(text, 'text/html');
        swap('content', next);
        swap('updated', next);
        relativeTimes(document);
      })
      .catch(function () {
        var updated = document.getElementById('updated');
        if (updated) updated.textContent = 'The daemon did not answer the last refresh; retrying every ' + seconds + ' s.';
      });
  }
  relativeTimes(document);
  setInterval(refresh, seconds * 1000);
  document.addEventListener('visibilitychange', function () { if (!document.hidden) refresh(); });
})();
`;
