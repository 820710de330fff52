// The auth feature of the admin: staff sign-in, the staff session every other page needs, and the
// staff badge in the header. The shell shows its login page until the staff member is signed in.
import { messages } from './messages.js';
import { staff, loadMe } from './session.js';
import { AdminLogin } from './login.js';
import { StaffBadge } from './staff-badge.js';

export default {
  name: 'auth',
  routes: [{ path: '/login', name: 'login', component: AdminLogin }],
  messages,
  state: staff,
  header: { tools: StaffBadge },
  gate: {
    signedIn: () => staff.loggedIn, login: AdminLogin, home: '/products', whenSignedIn: () => { if (!staff.me) loadMe(); },
    // who is signed in, with their roles: the shell shows role-bound pages and nav entries by it
    staff: { me: () => staff.me, reload: loadMe },
  },
};
