// Strings of the account feature (sign-in, registration, account page).
export const messages = {
  en: {
    login: 'Log in', register: 'Register', account: 'Account', logout: 'Log out',
    password: 'Password', createAccount: 'Create account', noAccount: 'No account yet?',
    haveAccount: 'Already registered?', memberSince: 'Member since', welcome: 'Welcome, {name}',
    addresses: 'Addresses', addAddress: 'Add an address', editAddress: 'Edit address', noAddresses: 'No saved addresses yet.',
    defaultShipping: 'Default shipping address',
    defaultBilling: 'Default billing address', useForShipping: 'Use as my default shipping address',
    useForBilling: 'Use as my default billing address', edit: 'Edit', removeAddress: 'Remove', saveAddress: 'Save address', cancel: 'Cancel',
  },
  de: {
    login: 'Anmelden', register: 'Registrieren', account: 'Konto', logout: 'Abmelden',
    password: 'Passwort', createAccount: 'Konto erstellen', noAccount: 'Noch kein Konto?',
    haveAccount: 'Schon registriert?', memberSince: 'Kunde seit', welcome: 'Willkommen, {name}',
    addresses: 'Adressen', addAddress: 'Adresse hinzufügen', editAddress: 'Adresse bearbeiten', noAddresses: 'Noch keine Adressen gespeichert.',
    defaultShipping: 'Standard-Lieferadresse',
    defaultBilling: 'Standard-Rechnungsadresse', useForShipping: 'Als Standard-Lieferadresse verwenden',
    useForBilling: 'Als Standard-Rechnungsadresse verwenden', edit: 'Bearbeiten', removeAddress: 'Entfernen', saveAddress: 'Adresse speichern', cancel: 'Abbrechen',
  },
};
