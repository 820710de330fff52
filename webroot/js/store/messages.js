// Strings of the storefront shell, shared by all features.
export const messages = {
  en: {
    loading: 'Loading…', home: 'Home', backToShop: 'Back to the shop', pageNotFound: 'Page not found.',
    currency: 'Currency', language: 'Language',
    inStock: 'In stock', onlyLeft: 'Only {n} left', fewLeft: 'Only a few left', outOfStock: 'Out of stock',
    // an address and who it is for (the account's address book, the checkout)
    email: 'Email', fullName: 'Name', company: 'Company', line1: 'Street and number', line2: 'Address line 2',
    postalCode: 'Postal code', city: 'City', region: 'State or region', country: 'Country', phone: 'Phone',
  },
  de: {
    loading: 'Lädt…', home: 'Start', backToShop: 'Zurück zum Shop', pageNotFound: 'Seite nicht gefunden.',
    currency: 'Währung', language: 'Sprache',
    inStock: 'Auf Lager', onlyLeft: 'Nur noch {n} verfügbar', fewLeft: 'Nur noch wenige verfügbar', outOfStock: 'Ausverkauft',
    email: 'E-Mail', fullName: 'Name', company: 'Firma', line1: 'Straße und Hausnummer', line2: 'Adresszusatz',
    postalCode: 'Postleitzahl', city: 'Ort', region: 'Bundesland oder Region', country: 'Land', phone: 'Telefon',
  },
};
