// Strings of the account feature (sign-in, registration, account page).
export const messages = {
  en: {
    login: 'Log in', register: 'Register', account: 'Account', logout: 'Log out', email: 'Email',
    password: 'Password', fullName: 'Name', createAccount: 'Create account', noAccount: 'No account yet?',
    haveAccount: 'Already registered?', memberSince: 'Member since', welcome: 'Welcome, {name}',
    addresses: 'Addresses', addAddress: 'Add an address', editAddress: 'Edit address', noAddresses: 'No saved addresses yet.',
    company: 'Company', line1: 'Street and number', line2: 'Address line 2', postalCode: 'Postal code', city: 'City',
    region: 'State or region', country: 'Country', phone: 'Phone', defaultShipping: 'Default shipping address',
    defaultBilling: 'Default billing address', useForShipping: 'Use as my default shipping address',
    useForBilling: 'Use as my default billing address', edit: 'Edit', removeAddress: 'Remove', saveAddress: 'Save address', cancel: 'Cancel',
  },
  de: {
    login: 'Anmelden', register: 'Registrieren', account: 'Konto', logout: 'Abmelden', email: 'E-Mail',
    password: 'Passwort', fullName: 'Name', createAccount: 'Konto erstellen', noAccount: 'Noch kein Konto?',
    haveAccount: 'Schon registriert?', memberSince: 'Kunde seit', welcome: 'Willkommen, {name}',
    addresses: 'Adressen', addAddress: 'Adresse hinzufügen', editAddress: 'Adresse bearbeiten', noAddresses: 'Noch keine Adressen gespeichert.',
    company: 'Firma', line1: 'Straße und Hausnummer', line2: 'Adresszusatz', postalCode: 'Postleitzahl', city: 'Ort',
    region: 'Bundesland oder Region', country: 'Land', phone: 'Telefon', defaultShipping: 'Standard-Lieferadresse',
    defaultBilling: 'Standard-Rechnungsadresse', useForShipping: 'Als Standard-Lieferadresse verwenden',
    useForBilling: 'Als Standard-Rechnungsadresse verwenden', edit: 'Bearbeiten', removeAddress: 'Entfernen', saveAddress: 'Adresse speichern', cancel: 'Abbrechen',
  },
};
