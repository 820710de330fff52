// The staff feature of the admin, for admins only: the staff members (invite, roles, deactivate,
// reactivate) and the audit log of staff actions.
import { messages } from './messages.js';
import { StaffPage } from './staff-page.js';
import { AuditLogPage } from './audit-log-page.js';

const ADMIN = 'admin';

export default {
  name: 'staff',
  routes: [
    { path: '/staff', name: 'staff', component: StaffPage, section: 'staff', role: ADMIN },
    { path: '/audit-log', name: 'auditLog', component: AuditLogPage, section: 'auditLog', role: ADMIN },
  ],
  messages,
  nav: [
    { href: '#/staff', label: 'navStaff', testId: 'nav-staff', section: 'staff', role: ADMIN },
    { href: '#/audit-log', label: 'navAuditLog', testId: 'nav-audit-log', section: 'auditLog', role: ADMIN },
  ],
};
