// The storefront shell: merges what the features export (routes, messages, header parts), renders
// the routed page, and starts the features. A feature module exports
//   { name, routes: [{path, name, component, props?(route), ownsTitle?}], messages: {en, de},
//     state?, header?: {tools?, nav?}, product?: {actions?, below?}, cart?: {below?}, list?: {below?, facets?},
//     account?: {sections?}, start?() }.
// product.actions: a component shown on the product page (props {product, variant}).
// product.below, cart.below, list.below: components shown below the product page (props {product}),
// the cart (props {cart}) and the home and category lists (props {categoryId}, null on the home page).
// list.facets: the facet panel of a category page (props {facets, search: {filters}, onToggle, onPrice,
// onClear, showPrice: false}; the search's).
// account.sections: a component shown on the account page, below the customer's details.
import { createApp, ref, watch } from 'vue';
import { html } from '../shared/html.js';
import { ErrorBanner, useWords } from '../shared/errors.js';
import { i18n, route, startRouter, errors, t, provideParts, fieldText } from './context.js';
import { messages } from './messages.js';
import { errorMessages } from './error-messages.js';
import { siteHeader } from './header.js';

const NotFound = {
  name: 'NotFound',
  setup: () => () => html`
    <section class="container page empty-page"><h1 class="page-title">${t('pageNotFound')}</h1>
      <a href="/" class="btn">${t('backToShop')}</a></section>`,
};

/** The shopper's sentence for a problem's code, in the page's language (null: none, the server's text is shown). */
function describeError(error) {
  const key = `error.${error.code}`;
  const said = t(key);
  return said === key ? null : said;
}

export function startShop(features, selector) {
  i18n.add('shell', messages);
  i18n.add('errors', errorMessages);
  // refused fields in the page's language, under the field and in a form's list
  useWords({
    message: fieldText,
    field: (f) => { const label = t(`field.${f}`); return label === `field.${f}` ? f : label; },
    title: () => t('formErrorsTitle'),
  });
  features.forEach((f) => i18n.add(f.name, f.messages));
  const routes = features.flatMap((f) => f.routes);
  const byName = new Map(routes.map((r) => [r.name, r]));
  startRouter(routes);
  provideParts({
    productActions: features.map((f) => f.product && f.product.actions).filter(Boolean),
    accountSections: features.map((f) => f.account && f.account.sections).filter(Boolean),
    productBelow: features.map((f) => f.product && f.product.below).filter(Boolean),
    cartBelow: features.map((f) => f.cart && f.cart.below).filter(Boolean),
    listBelow: features.map((f) => f.list && f.list.below).filter(Boolean),
    listFacets: features.map((f) => f.list && f.list.facets).filter(Boolean),
  });

  const SiteHeader = siteHeader(features);

  const App = {
    name: 'ShopApp',
    setup() {
      const main = ref(null);
      watch(() => route.path, () => {
        errors.clear();
        const r = byName.get(route.name);
        if (!r || !r.ownsTitle) document.title = 'Kinetic';
      });

      function view() {
        const r = byName.get(route.name);
        if (!r) return html`<${NotFound} />`;
        const props = r.props ? r.props(route) : {};
        return html`<${r.component} ...${props} />`;
      }

      return () => html`
        <button type="button" class="skip-link" onClick=${() => main.value.focus()}>Skip to content</button>
        <${SiteHeader} />
        <div class="container banner-slot">
          <${ErrorBanner} error=${errors.state.current} onDismiss=${() => errors.clear()} describe=${describeError}
            labels=${{ details: t('errorDetails'), reference: t('errorReference') }} />
        </div>
        <main id="main" ref=${main} tabindex="-1">${view()}</main>
        <footer class="site-footer"><div class="container muted">© Kinetic Commerce</div></footer>`;
    },
  };

  features.forEach((f) => f.start && f.start());
  createApp(App).mount(selector);
}
