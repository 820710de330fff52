// Strings of the attributes feature.
export const messages = {
  en: {
    navAttributes: 'Attributes', noAttributesYet: 'No attributes yet.', newAttribute: 'New attribute',
    commaSeparated: '(comma separated)', createAttribute: 'Create attribute', attributeCreated: 'Attribute {code} created',
    attributeDeleted: 'Attribute {code} deleted', confirmDeleteAttribute: 'Delete attribute "{code}"?',
    edit: 'Edit', attributeSaved: 'Attribute {code} saved',
    valueInUse: 'products still have a value this list leaves out ({detail})',
    codeRule: 'use lowercase letters, digits and underscores, starting with a letter', enumNeedsValue: 'an ENUM needs at least one value',
  },
};
