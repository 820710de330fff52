// Strings of the catalog feature (product lists, product page, category navigation).
export const messages = {
  en: {
    allProducts: 'All products', sort: 'Sort', newest: 'Newest', priceAsc: 'Price: low to high',
    priceDesc: 'Price: high to low', name: 'Name', minPrice: 'Min price', maxPrice: 'Max price',
    apply: 'Apply', clear: 'Clear', loadMore: 'Load more', noProducts: 'No products found.', filterAndSort: 'Filter & sort', close: 'Close', optionSoldOut: 'sold out', optionNotInCombo: 'not with your other choice',
    optionChanged: '{value} comes in {changes} only, so we changed that too.', categoryNotFound: 'This category does not exist (any more).',
    from: 'from {price}', notAvailableIn: 'Not available in {currency}',
    details: 'Details', yes: 'Yes', no: 'No', sku: 'SKU', unavailableCombo: 'This combination is not available.',
    showImage: 'Show image {n}', categories: 'Categories', subcategories: 'Subcategories',
    productNotFound: 'Product not found.',
    minMaxInvalid: 'Min price must not be greater than max price.', priceInvalid: 'Enter a valid amount.',
    shopTagline: 'Well-made things, delivered.',
  },
  de: {
    allProducts: 'Alle Produkte', sort: 'Sortierung', newest: 'Neueste', priceAsc: 'Preis: aufsteigend',
    priceDesc: 'Preis: absteigend', name: 'Name', minPrice: 'Mindestpreis', maxPrice: 'Höchstpreis',
    apply: 'Anwenden', clear: 'Zurücksetzen', loadMore: 'Mehr laden', noProducts: 'Keine Produkte gefunden.', filterAndSort: 'Filtern & sortieren', close: 'Schließen', optionSoldOut: 'ausverkauft', optionNotInCombo: 'nicht mit Ihrer anderen Auswahl',
    optionChanged: '{value} gibt es nur in {changes}: das haben wir mit geändert.', categoryNotFound: 'Diese Kategorie gibt es nicht (mehr).',
    from: 'ab {price}', notAvailableIn: 'Nicht in {currency} erhältlich',
    details: 'Details', yes: 'Ja', no: 'Nein', sku: 'Artikelnr.', unavailableCombo: 'Diese Kombination ist nicht verfügbar.',
    showImage: 'Bild {n} anzeigen', categories: 'Kategorien', subcategories: 'Unterkategorien',
    productNotFound: 'Produkt nicht gefunden.',
    minMaxInvalid: 'Der Mindestpreis darf nicht über dem Höchstpreis liegen.', priceInvalid: 'Bitte einen gültigen Betrag eingeben.',
    shopTagline: 'Gut gemachte Dinge, geliefert.',
  },
};
