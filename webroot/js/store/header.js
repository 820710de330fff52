// Site header: brand, category navigation, currency/locale selectors, account links.
import { computed } from 'vue';
import { buildTree } from '../shared/categories.js';
import { settings, session, catalog, route, CURRENCIES, LOCALES } from './state.js';
import { CategoryMenu } from './category-menu.js';
import { t } from './i18n.js';

export const SiteHeader = {
  name: 'SiteHeader',
  components: { CategoryMenu },
  setup() {
    const tree = computed(() => buildTree(catalog.categories));
    const activeId = computed(() => (route.name === 'category' ? route.params.id : null));
    return { settings, session, tree, activeId, CURRENCIES, LOCALES, t };
  },
  template: `
    <header class="site-header">
      <div class="container header-bar">
        <a href="#/" class="brand" data-testid="home-link"><span class="brand-mark" aria-hidden="true">K</span>Kinetic</a>
        <div class="header-tools">
          <label class="compact-field">
            <span class="sr-only">{{ t('currency') }}</span>
            <select v-model="settings.currency" data-testid="currency-select" :aria-label="t('currency')">
              <option v-for="c in CURRENCIES" :key="c" :value="c">{{ c }}</option>
            </select>
          </label>
          <label class="compact-field">
            <span class="sr-only">{{ t('language') }}</span>
            <select v-model="settings.locale" data-testid="locale-select" :aria-label="t('language')">
              <option v-for="l in LOCALES" :key="l.code" :value="l.code">{{ l.code.toUpperCase() }}</option>
            </select>
          </label>
          <template v-if="session.loggedIn">
            <a href="#/account" class="btn btn-ghost btn-small" data-testid="account-link">{{ t('account') }}</a>
          </template>
          <template v-else>
            <a href="#/login" class="btn btn-ghost btn-small" data-testid="login-link">{{ t('login') }}</a>
            <a href="#/register" class="btn btn-primary btn-small" data-testid="register-link">{{ t('register') }}</a>
          </template>
        </div>
      </div>
      <nav class="cat-nav" :aria-label="t('categories')">
        <div class="container">
          <CategoryMenu :nodes="tree" :active-id="activeId" />
        </div>
      </nav>
    </header>`,
};
