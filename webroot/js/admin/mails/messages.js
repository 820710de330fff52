// Strings of the e-mails feature.
export const messages = {
  en: {
    navMails: 'E-mails', mailsLead: 'Every e-mail the shop sends its customers, newest first.',
    allMails: 'All', mailPending: 'Pending', mailSent: 'Sent', mailFailed: 'Failed',
    recipient: 'Recipient', exactRecipient: 'exact address', subject: 'Subject', kind: 'Kind', created: 'Created',
    attempts: 'Attempts', noMails: 'No e-mails yet.', noMailsMatch: 'No e-mails match.', filter: 'Filter', clearFilter: 'Clear',
    allMailsBack: 'All e-mails', mailNotFound: 'This e-mail does not exist.', messageId: 'Message-ID', from: 'From',
    to: 'To', language: 'Language', sentAt: 'Sent', nextAttempt: 'Next attempt', mailLastError: 'Last error',
    htmlVersion: 'As sent (HTML)', textVersion: 'Text version', mailOrder: 'Order', attemptsSoFar: '{n} attempt(s)',
    kind_order_confirmation: 'Order confirmation', kind_payment_failed: 'Payment failed', kind_order_shipped: 'Shipped',
    kind_order_refunded: 'Refunded', kind_return_requested: 'Return requested', kind_return_approved: 'Return approved',
    kind_return_rejected: 'Return rejected', kind_return_received: 'Return received', kind_password_reset: 'Password reset',
    resetMasked: 'The password-reset link is masked here: only the customer gets it.',
  },
};
