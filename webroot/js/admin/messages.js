// Strings of the admin shell and words all admin features share.
export const messages = {
  en: {
    admin: 'Admin', logout: 'Log out', notFound: 'Not found', startPage: 'Products', loading: 'Loading…', loadMore: 'Load more',
    notAllowed: 'Not for your role', needsRole: 'This page is for staff with the {role} role.',
    save: 'Save', saving: 'Saving…', cancel: 'Cancel', delete: 'Delete', remove: 'Remove', actions: 'Actions',
    name: 'Name', email: 'Email', slug: 'Slug', code: 'Code', type: 'Type', unit: 'Unit', values: 'Values', status: 'Status',
    position: 'Position', parent: 'Parent', topLevel: '(top level)', nameIn: 'Name ({locale})', yes: 'Yes', no: 'No',
  },
};
