// Strings of the recommendations feature (the rows on the product, cart and home pages).
export const messages = {
  en: {
    recoSimilar: 'Similar products', recoBoughtTogether: 'Frequently bought together',
    recoComplements: 'Goes well with your cart', recoForYou: 'Recommended for you', recoCategory: 'Picked for you',
    recoSoldOut: 'Sold out', recoRowLabel: '{title}: {n} products',
  },
  de: {
    recoSimilar: 'Ähnliche Produkte', recoBoughtTogether: 'Wird oft zusammen gekauft',
    recoComplements: 'Passt zu Ihrem Warenkorb', recoForYou: 'Empfehlungen für Sie', recoCategory: 'Für Sie ausgewählt',
    recoSoldOut: 'Ausverkauft', recoRowLabel: '{title}: {n} Produkte',
  },
};
