// The staff roles and the checkboxes that pick some of them (invite form and role editor).
import { html } from '../../shared/html.js';
import { t } from '../context.js';

/** Every role, in the order the pages list them. */
export const ROLES = ['admin', 'catalog', 'fulfilment'];

const HINTS = { admin: 'roleAdminHint', catalog: 'roleCatalogHint', fulfilment: 'roleFulfilmentHint' };

/** One checkbox per role, bound to target[key] (a list of roles, kept in ROLES order); test ids are prefix + role. */
export function roleChoices(target, key, testIdPrefix) {
  const toggle = (role, on) => {
    target[key] = ROLES.filter((r) => (r === role ? on : target[key].includes(r)));
  };
  return ROLES.map((r) => html`
    <label key=${r} class="check">
      <input type="checkbox" checked=${target[key].includes(r)} onChange=${(e) => toggle(r, e.target.checked)}
        data-testid=${testIdPrefix + r} />
      <span>${r}<span class="cell-sub hint">${t(HINTS[r])}</span></span>
    </label>`);
}

/** The roles as badges. */
export const roleBadges = (roles) => (roles || []).map((r) => html`<span key=${r} class="badge badge-role">${r}</span>`);
