// The signed-in staff member in the admin header: name, roles, log out.
import { html } from '../../shared/html.js';
import { navigate, t } from '../context.js';
import { staff, signOut } from './session.js';

export const StaffBadge = {
  name: 'StaffBadge',
  setup() {
    async function logout() {
      await signOut();
      navigate('/login');
    }
    return () => [
      staff.me ? html`<span class="staff" data-testid="staff-name">${staff.me.name || staff.me.email}</span>` : null,
      ((staff.me && staff.me.roles) || []).map((r) => html`<span key=${r} class="badge badge-role" data-testid="role-badge">${r}</span>`),
      html`<button type="button" class="btn btn-ghost btn-small" onClick=${logout} data-testid="logout-button">${t('logout')}</button>`,
    ];
  },
};
