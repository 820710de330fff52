// The admin shell: merges what the features export (routes, messages, navigation, header tools),
// keeps every page but the login behind the auth feature's gate, and renders the routed page.
// A feature module exports
//   { name, routes: [{path, name, component, props?(route), section?, role?}], messages: {en},
//     nav?: one or a list of {href, label, testId, section, role?}, state?, header?: {tools?},
//     gate? (auth only) }.
// A route or nav entry with a role (or a list of roles: any of them) is only for staff members
// holding it: the nav entry is hidden from the others, and the route shows them a notice instead of
// the page (the API refuses them anyway).
import { createApp, h, computed, watch } from 'vue';
import { html } from '../shared/html.js';
import { ErrorBanner } from '../shared/errors.js';
import { i18n, route, navigate, startRouter, errors, notice, t, currentStaff, hasRole, provideStaff } from './context.js';
import { messages } from './messages.js';

const NotFound = {
  name: 'NotFound',
  setup: () => () => html`<section class="page"><h1 class="page-title">${t('notFound')}</h1><a href="#/products" class="btn">${t('startPage')}</a></section>`,
};

const NeedsRole = {
  name: 'NeedsRole',
  props: { role: { type: String, required: true } },
  setup: (props) => () => html`
    <section class="page"><h1 class="page-title">${t('notAllowed')}</h1>
      <p class="lead muted" data-testid="needs-role">${t('needsRole', { role: props.role })}</p>
      <a href="#/products" class="btn">${t('startPage')}</a></section>`,
};

/** The error as the banner says it: the server's detail starts lowercase ("e-mail or password is wrong"), a sentence does not. */
function asSentence(error) {
  if (!error || !error.detail) return error;
  return { ...error, detail: error.detail.charAt(0).toUpperCase() + error.detail.slice(1) };
}

/** Whether the signed-in member holds role, or any role of a list. */
const allowed = (role) => [].concat(role).some((r) => hasRole(r));

export function startAdmin(features, selector) {
  i18n.add('shell', messages);
  features.forEach((f) => i18n.add(f.name, f.messages));
  const routes = features.flatMap((f) => f.routes);
  const byName = new Map(routes.map((r) => [r.name, r]));
  const navs = features.flatMap((f) => [].concat(f.nav || []));
  const tools = features.map((f) => f.header && f.header.tools).filter(Boolean);
  const gate = features.map((f) => f.gate).find(Boolean);
  provideStaff(gate.staff);
  startRouter(routes);

  const App = {
    name: 'AdminApp',
    setup() {
      // Guard: everything but the login needs a signed-in staff member.
      watch(() => [route.name, gate.signedIn()], () => {
        if (!gate.signedIn() && route.name !== 'login') navigate('/login', { replace: true });
        else if (gate.signedIn() && route.name === 'login') navigate(gate.home, { replace: true });
      }, { immediate: true });
      watch(gate.signedIn, (inNow) => { if (inNow) gate.whenSignedIn(); }, { immediate: true });
      watch(() => route.path, () => errors.clear());

      const shownError = computed(() => asSentence(errors.state.current));

      const section = computed(() => {
        const r = byName.get(route.name);
        return (r && r.section) || route.name || '';
      });

      function view() {
        if (!gate.signedIn()) return h(gate.login);
        const r = byName.get(route.name);
        if (!r) return h(NotFound);
        if (r.role && !currentStaff()) return html`<p class="page muted">${t('loading')}</p>`;
        if (r.role && !allowed(r.role)) return h(NeedsRole, { role: [].concat(r.role).join(' or ') });
        return h(r.component, r.props ? r.props(route) : {});
      }

      return () => html`
        <div class=${['admin-shell', { 'is-login': !gate.signedIn() }]}>
          ${gate.signedIn() ? html`
            <header class="site-header admin-header">
              <div class="container header-bar">
                <a href=${'#' + gate.home} class="brand"><span class="brand-mark" aria-hidden="true">K</span>Kinetic <span class="muted brand-sub">${t('admin')}</span></a>
                <nav class="admin-nav" aria-label="Admin">
                  ${navs.filter((n) => !n.role || allowed(n.role)).map((n) => html`
                    <a key=${n.href} href=${n.href} aria-current=${section.value === n.section ? 'page' : null} data-testid=${n.testId}>${t(n.label)}</a>`)}
                </nav>
                <div class="header-tools">${tools.map((tool) => h(tool))}</div>
              </div>
            </header>` : null}
          <main class="container admin-main">
            <${ErrorBanner} error=${shownError.value} onDismiss=${() => errors.clear()} />
            <div class="toast-region" role="status" aria-live="polite">
              ${notice.text ? html`<p class="toast" data-testid="notice">${notice.text}</p>` : null}
            </div>
            ${view()}
          </main>
        </div>`;
    },
  };

  createApp(App).mount(selector);
}
