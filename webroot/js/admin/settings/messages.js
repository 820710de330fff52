// Strings of the settings feature (tax and shipping).
export const messages = {
  en: {
    navSettings: 'Settings', settingsTitle: 'Tax & shipping', generalSettings: 'General', pricesIncludeTax: 'Prices include VAT',
    pricesIncludeTaxHint: 'catalogue prices are gross; off: VAT is added to them at checkout',
    defaultCountry: 'Default country', defaultCountryHint: 'taxes and shipping of a quote before the shopper enters an address',
    settingsSaved: 'Settings saved', vatRates: 'VAT rates', country: 'Country', taxClass: 'Tax class', rate: 'Rate',
    vatRatesHint: 'Per destination country and tax class (products are in class standard). A country without a rate is taxed at 0.',
    rateOf: 'VAT rate of {country}, {taxClass}', rateInvalid: 'enter a percentage from 0 to 100', rateSaved: 'VAT rate of {country} set to {rate}%',
    confirmRemoveRate: 'Remove the VAT rate of {country} ({taxClass})? Orders to it are then taxed at 0.', rateRemoved: 'VAT rate of {country} removed',
    pickCountry: 'Choose a country', addRate: 'Add rate',
    shippingZones: 'Shipping zones', addZone: 'Add zone', editZoneButton: 'Edit', newZone: 'New zone', editZone: 'Edit zone',
    shippingZonesHint: 'A country is in at most one zone; * is the rest of the world. A method ships only in the currencies it has a price in.',
    zoneName: 'Name', zoneCountries: 'Countries', zoneCountriesHint: 'ISO codes separated by commas, e.g. DE, AT; * for the rest of the world',
    method: 'Method', priceInCurrency: 'Price {currency}', freeFromIn: 'Free from {currency}', workingDays: 'Working days', methodOn: 'Active',
    methodName: 'Name of method {n}', methodPrice: 'Price in {currency} of method {n}', methodFreeAbove: 'Free from (in {currency}) for method {n}',
    methodMinDays: 'Fewest working days of method {n}', methodMaxDays: 'Most working days of method {n}', methodActive: 'Method {n} is active',
    removeMethod: 'Remove method {n}', addMethod: '+ Add method', noMethods: 'No methods: nothing ships to these countries.',
    saveZone: 'Save zone', zoneSaved: 'Zone {name} saved', confirmRemoveZone: 'Remove the zone {name} and its methods?', zoneRemoved: 'Zone {name} removed',
    amountInvalid: 'enter an amount such as 4.90', inactive: 'inactive', freeFromShort: 'free from {amounts}', daysShort: '{days} working days', daysShortOne: '1 working day',
    restOfWorld: 'Rest of the world (*)',
  },
};
