// Admin entry point: auth guard, layout, routing.
import { createApp, computed, watch } from 'vue';
import { ErrorBanner } from '../shared/errors.js';
import { route, navigate, staff, errors, notice, loadMe, signOut } from './state.js';
import { AdminLogin } from './login.js';
import { ProductsPage } from './products.js';
import { ProductEditor } from './product-editor.js';
import { CategoriesPage } from './categories.js';
import { AttributesPage } from './attributes.js';
import { StaffPage } from './staff.js';
import { AuditLogPage } from './audit-log.js';

const NotFound = { template: '<section class="page"><h1 class="page-title">Not found</h1><a href="#/products" class="btn">Products</a></section>' };

const App = {
  components: { ErrorBanner, AdminLogin, ProductsPage, ProductEditor, CategoriesPage, AttributesPage, StaffPage, AuditLogPage, NotFound },
  setup() {
    // Guard: everything but the login needs a staff token.
    watch(() => [route.name, staff.loggedIn], () => {
      if (!staff.loggedIn && route.name !== 'login') navigate('/login', { replace: true });
      else if (staff.loggedIn && route.name === 'login') navigate('/products', { replace: true });
    }, { immediate: true });

    watch(() => staff.loggedIn, (inNow) => { if (inNow && !staff.me) loadMe(); }, { immediate: true });
    watch(() => route.path, () => errors.clear());

    const view = computed(() => {
      if (!staff.loggedIn) return { is: 'AdminLogin', props: {} };
      switch (route.name) {
        case 'products': return { is: 'ProductsPage', props: {} };
        case 'productNew': return { is: 'ProductEditor', props: { key: 'new' } };
        case 'productEdit': return { is: 'ProductEditor', props: { id: route.params.id, key: route.params.id } };
        case 'categories': return { is: 'CategoriesPage', props: {} };
        case 'attributes': return { is: 'AttributesPage', props: {} };
        case 'staff': return { is: 'StaffPage', props: {} };
        case 'auditLog': return { is: 'AuditLogPage', props: {} };
        case 'login': return { is: 'AdminLogin', props: {} };
        default: return { is: 'NotFound', props: {} };
      }
    });

    const section = computed(() => (route.name || '').replace(/^product(New|Edit)$/, 'products'));

    function logout() {
      signOut();
      navigate('/login');
    }

    const isAdmin = computed(() => Boolean(staff.me && (staff.me.roles || []).includes('admin')));

    return { view, staff, errors, notice, section, logout, isAdmin };
  },
  template: `
    <div class="admin-shell" :class="{ 'is-login': !staff.loggedIn }">
      <header v-if="staff.loggedIn" class="site-header admin-header">
        <div class="container header-bar">
          <a href="#/products" class="brand"><span class="brand-mark" aria-hidden="true">K</span>Kinetic <span class="muted brand-sub">Admin</span></a>
          <nav class="admin-nav" aria-label="Admin">
            <a href="#/products" :aria-current="section === 'products' ? 'page' : null" data-testid="nav-products">Products</a>
            <a href="#/categories" :aria-current="section === 'categories' ? 'page' : null" data-testid="nav-categories">Categories</a>
            <a href="#/attributes" :aria-current="section === 'attributes' ? 'page' : null" data-testid="nav-attributes">Attributes</a>
            <a v-if="isAdmin" href="#/staff" :aria-current="section === 'staff' ? 'page' : null" data-testid="nav-staff">Staff</a>
            <a v-if="isAdmin" href="#/audit-log" :aria-current="section === 'auditLog' ? 'page' : null" data-testid="nav-audit-log">Audit log</a>
          </nav>
          <div class="header-tools">
            <span v-if="staff.me" class="staff" data-testid="staff-name">{{ staff.me.name || staff.me.email }}</span>
            <span v-for="r in (staff.me && staff.me.roles) || []" :key="r" class="badge badge-role" data-testid="role-badge">{{ r }}</span>
            <button type="button" class="btn btn-ghost btn-small" @click="logout" data-testid="logout-button">Log out</button>
          </div>
        </div>
      </header>
      <main class="container admin-main">
        <ErrorBanner :error="errors.state.current" @dismiss="errors.clear()" />
        <div class="toast-region" role="status" aria-live="polite"><p v-if="notice.text" class="toast" data-testid="notice">{{ notice.text }}</p></div>
        <component :is="view.is" v-bind="view.props" />
      </main>
    </div>`,
};

createApp(App).mount('#app');
