// One e-mail (GET /admin/mails/<id>): who got it, when, its delivery (attempts, last error), and the
// mail itself, as the customer sees it and as text. The HTML is shown in a sandboxed frame (no
// scripts), its inline styles swapped for the preview stylesheet, so the page's strict CSP holds.
import { ref, watch } from 'vue';
import { html } from '../../shared/html.js';
import { api, errors, t } from '../context.js';
import { kindLabel, statusBadge, when } from './format.js';

/** The mail's HTML without inline styles, scripts or frames, styled by the preview stylesheet. */
function preview(source) {
  // style attributes go before parsing: even an inert parsed document reports them to the CSP
  const unstyled = source.replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  const doc = new DOMParser().parseFromString(unstyled, 'text/html');
  doc.querySelectorAll('script, iframe, object, embed, style, link, meta[http-equiv]').forEach((n) => n.remove());
  doc.querySelectorAll('*').forEach((n) => {
    [...n.attributes].forEach((a) => { if (a.name.startsWith('on')) n.removeAttribute(a.name); });
  });
  doc.querySelectorAll('a').forEach((a) => a.setAttribute('target', '_blank'));
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/assets/mail-preview.css"></head>`
    + `<body>${doc.body.innerHTML}</body></html>`;
}

export const MailDetail = {
  name: 'MailDetail',
  props: { id: { type: String, required: true } },
  setup(props) {
    const detail = ref(null);
    const missing = ref(false);

    async function load() {
      try {
        detail.value = await api.get(`/admin/mails/${encodeURIComponent(props.id)}`);
        missing.value = false;
      } catch (e) {
        if (e.code === 'MAIL_NOT_FOUND' || e.code === 'VALIDATION_FAILED') missing.value = true;
        else errors.show(e);
      }
    }
    watch(() => props.id, load, { immediate: true });

    const facts = (d) => {
      const m = d.mail;
      return html`
        <dl class="kv kv-compact" data-testid="mail-facts">
          <dt>${t('to')}</dt><dd class="wrap-anywhere" data-testid="mail-recipient">${m.recipient}</dd>
          <dt>${t('from')}</dt><dd class="wrap-anywhere">${d.from}</dd>
          <dt>${t('kind')}</dt><dd>${kindLabel(m.kind)}</dd>
          ${m.orderNumber ? html`<dt>${t('mailOrder')}</dt><dd>${m.orderNumber}</dd>` : null}
          <dt>${t('language')}</dt><dd>${m.locale.toUpperCase()}</dd>
          <dt>${t('created')}</dt><dd>${when(m.createdAt)}</dd>
          ${m.sentAt ? html`<dt>${t('sentAt')}</dt><dd>${when(m.sentAt)}</dd>` : null}
          <dt>${t('attempts')}</dt><dd>${m.attempts}</dd>
          ${m.nextAttemptAt ? html`<dt>${t('nextAttempt')}</dt><dd>${when(m.nextAttemptAt)}</dd>` : null}
          ${m.lastError ? html`<dt>${t('mailLastError')}</dt><dd class="wrap-anywhere" data-testid="mail-error">${m.lastError}</dd>` : null}
          <dt>${t('messageId')}</dt><dd class="wrap-anywhere"><code class="small">${d.messageId}</code></dd>
        </dl>`;
    };

    return () => {
      const d = detail.value;
      if (missing.value) {
        return html`<section class="page"><a href="#/mails" class="back-link">← ${t('allMailsBack')}</a>
          <h1 class="page-title">${t('mailNotFound')}</h1></section>`;
      }
      if (!d) return html`<section class="page"><p class="muted">${t('loading')}</p></section>`;
      return html`
        <section class="page" data-testid="mail-detail">
          <a href="#/mails" class="back-link">← ${t('allMailsBack')}</a>
          <div class="page-head">
            <h1 class="page-title" data-testid="mail-subject">${d.mail.subject}</h1>
            ${statusBadge(d.mail.status)}
          </div>
          <div class="mail-layout">
            <section class="card admin-card">${facts(d)}
              ${d.mail.kind === 'password-reset' ? html`<p class="muted small">${t('resetMasked')}</p>` : null}
            </section>
            <section class="card admin-card mail-preview-card">
              <h2 class="section-title">${t('htmlVersion')}</h2>
              <iframe class="mail-frame" sandbox="allow-same-origin allow-popups" title=${d.mail.subject}
                srcdoc=${preview(d.html)} data-testid="mail-html"></iframe>
              <h2 class="section-title">${t('textVersion')}</h2>
              <pre class="mail-text" data-testid="mail-text">${d.text}</pre>
            </section>
          </div>
        </section>`;
    };
  },
};
