// Catalog state: the category list in the current locale (navigation, breadcrumbs, subcategories).
import { reactive } from 'vue';
import { api, settings, errors } from '../context.js';

export const catalog = reactive({ categories: [], loaded: false });

export async function loadCategories() {
  try {
    const res = await api.get('/categories', { query: { locale: settings.locale }, auth: false });
    catalog.categories = res.items || [];
    catalog.loaded = true;
  } catch (e) {
    errors.show(e);
  }
}
