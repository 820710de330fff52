// Storefront entry point.
import { createApp, computed, watch } from 'vue';
import { ErrorBanner } from '../shared/errors.js';
import { route, settings, errors, loadCategories } from './state.js';
import { SiteHeader } from './header.js';
import { ProductList } from './product-list.js';
import { ProductPage } from './product-page.js';
import { LoginPage } from './login.js';
import { RegisterPage } from './register.js';
import { AccountPage } from './account.js';
import { t } from './i18n.js';

const NotFound = {
  setup: () => ({ t }),
  template: `<section class="container page empty-page"><h1 class="page-title">{{ t('pageNotFound') }}</h1>
    <a href="#/" class="btn">{{ t('backToShop') }}</a></section>`,
};

const App = {
  components: { SiteHeader, ErrorBanner, ProductList, ProductPage, LoginPage, RegisterPage, AccountPage, NotFound },
  setup() {
    const view = computed(() => {
      switch (route.name) {
        case 'home': return { is: 'ProductList', props: { key: 'home' } };
        case 'category': return { is: 'ProductList', props: { categoryId: route.params.id, key: 'category' } };
        case 'product': return { is: 'ProductPage', props: { slug: route.params.slug } };
        case 'login': return { is: 'LoginPage', props: {} };
        case 'register': return { is: 'RegisterPage', props: {} };
        case 'account': return { is: 'AccountPage', props: {} };
        default: return { is: 'NotFound', props: {} };
      }
    });

    watch(() => route.path, () => {
      errors.clear();
      if (route.name !== 'product') document.title = 'Kinetic';
    });
    watch(() => settings.locale, loadCategories, { immediate: true });

    return { view, errors };
  },
  template: `
    <button type="button" class="skip-link" @click="$refs.main.focus()">Skip to content</button>
    <SiteHeader />
    <div class="container banner-slot">
      <ErrorBanner :error="errors.state.current" @dismiss="errors.clear()" />
    </div>
    <main id="main" ref="main" tabindex="-1">
      <component :is="view.is" v-bind="view.props" />
    </main>
    <footer class="site-footer"><div class="container muted">© Kinetic Commerce</div></footer>`,
};

createApp(App).mount('#app');
