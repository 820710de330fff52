// Strings of the products feature (list, editor, variants).
export const messages = {
  en: {
    navProducts: 'Products', all: 'All', draft: 'Draft', published: 'Published', newProduct: 'New product',
    variants: 'Variants', stock: 'Stock', priceEur: 'Price (EUR)', updated: 'Updated', noProducts: 'No products.',
    backToProducts: '← Products', editProduct: 'Edit product', version: 'Version', createProduct: 'Create product',
    general: 'General', defaultLocale: 'Default locale', categories: 'Categories', productTaxClass: 'Tax class',
    taxClassHint: 'Which VAT rate applies: standard, or a class with rates under Settings → Tax & shipping (e.g. reduced).',
    multiSelectHint: 'Ctrl/⌘-click to select several.', translations: 'Translations', isDefault: 'default',
    descriptionIn: 'Description ({locale})', attributes: 'Attributes', noAttributes: 'No attributes defined.',
    createSome: 'Create some', keptAsIs: '(kept as is)', mediaSeo: 'Media & SEO', imageUrl: 'Image URL {n}',
    altText: 'Alt text', removeImage: 'Remove image {n}', addImage: '+ Add image', seoTitle: 'SEO title',
    seoDescription: 'SEO description', productCreated: 'Product created', productSaved: 'Product saved',
    productDeleted: 'Product deleted', confirmDeleteProduct: 'Delete product "{name}"? This cannot be undone.',
    versionConflict: 'This product was changed by someone else. Reload it to get the latest version (your unsaved changes will be lost).',
    reload: 'Reload', nothingChanged: 'Nothing changed for this variant', variantUpdated: 'Variant {sku} updated',
    sku: 'SKU', options: 'Options', optionsHint: '(key=value, …)', priceIn: 'Price {currency}', quickSave: 'Quick save',
    quickSaveTitle: "Save only this variant's prices and stock now", addVariant: '+ Add variant',
    noVariants: 'No variants yet.', skuOfVariant: 'SKU of variant {n}', optionsOfVariant: 'Options of variant {n}',
    priceOfVariant: 'Price in {currency} of variant {n}', stockOfVariant: 'Stock on hand of variant {n}',
    removeVariant: 'Remove variant {name}',
  },
};
