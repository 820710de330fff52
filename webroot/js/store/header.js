// Site header: brand, currency/locale selectors, then what the features put there (tools such as
// the account links, and navigation bars such as the categories).
import { h } from 'vue';
import { html } from '../shared/html.js';
import { selected } from '../shared/forms.js';
import { settings, CURRENCIES, LOCALES, t } from './context.js';

export function siteHeader(features) {
  const tools = features.map((f) => f.header && f.header.tools).filter(Boolean);
  const navs = features.map((f) => f.header && f.header.nav).filter(Boolean);
  return {
    name: 'SiteHeader',
    setup() {
      return () => html`
        <header class="site-header">
          <div class="container header-bar">
            <a href="/" class="brand" data-testid="home-link"><span class="brand-mark" aria-hidden="true">K</span>Kinetic</a>
            <div class="header-tools">
              <label class="compact-field">
                <span class="sr-only">${t('currency')}</span>
                <select ...${selected(settings, 'currency')} data-testid="currency-select" aria-label=${t('currency')}>
                  ${CURRENCIES.map((c) => html`<option key=${c} value=${c}>${c}</option>`)}
                </select>
              </label>
              <label class="compact-field">
                <span class="sr-only">${t('language')}</span>
                <select ...${selected(settings, 'locale')} data-testid="locale-select" aria-label=${t('language')}>
                  ${LOCALES.map((l) => html`<option key=${l.code} value=${l.code}>${l.code.toUpperCase()}</option>`)}
                </select>
              </label>
              ${tools.map((tool) => h(tool))}
            </div>
          </div>
          ${navs.map((nav) => h(nav))}
        </header>`;
    },
  };
}
