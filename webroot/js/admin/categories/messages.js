// Strings of the categories feature.
export const messages = {
  en: {
    navCategories: 'Categories', rename: 'Rename', noCategories: 'No categories yet.', newCategory: 'New category',
    createCategory: 'Create category', categoryCreated: 'Category created', categorySaved: 'Category saved',
    categoryMoved: '{name} moved', moveUp: 'Move up', moveDown: 'Move down',
    moveCategoryUp: 'Move {name} up', moveCategoryDown: 'Move {name} down',
    categoryDeleted: 'Category deleted', confirmDeleteCategory: 'Delete category "{name}"?',
  },
};
