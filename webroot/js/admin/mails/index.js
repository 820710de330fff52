// The e-mails feature of the admin: the transactional e-mails the shop sent or is sending (pending,
// sent, failed) and one mail as the customer gets it (roles admin and fulfilment).
import { messages } from './messages.js';
import { MailsPage } from './mails-page.js';
import { MailDetail } from './mail-detail.js';

const MAIL_STAFF = ['admin', 'fulfilment'];

export default {
  name: 'mails',
  routes: [
    { path: '/mails', name: 'mails', component: MailsPage, section: 'mails', role: MAIL_STAFF },
    { path: '/mails/:id', name: 'mail', component: MailDetail, props: (r) => ({ id: r.params.id, key: r.params.id }), section: 'mails', role: MAIL_STAFF },
  ],
  messages,
  nav: [
    { href: '#/mails', label: 'navMails', testId: 'nav-mails', section: 'mails', role: MAIL_STAFF },
  ],
};
