package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.AttributeInput;
import io.kinetic.kernel.contract.catalog.AttributeType;
import io.kinetic.kernel.contract.catalog.CategoryInput;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Validates category and attribute definitions, reporting every bad field. */
final class TaxonomyValidator {

  static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
  static final int MAX_VALUES = 200;

  private TaxonomyValidator() {
  }

  static FieldErrors category(UUID id, CategoryInput in) {
    var errors = new FieldErrors();
    errors.matches("slug", in.slug(), ProductValidator.SLUG, 120, "lower-case words of letters and digits joined by '-'");
    names(errors, in.names());
    if (in.position() != null && in.position() < 0) {
      errors.add("position", "must be 0 or more");
    }
    if (id != null && id.equals(in.parentId())) {
      errors.add("parentId", "a category cannot be its own parent");
    }
    return errors;
  }

  static FieldErrors attribute(AttributeInput in) {
    var errors = new FieldErrors();
    errors.matches("code", in.code(), CODE, 64, "a lower-case letter followed by letters, digits or '_'");
    if (in.type() == null) {
      errors.add("type", "must not be null");
    }
    if (in.unit() != null && in.type() != AttributeType.NUMBER) {
      errors.add("unit", "only a NUMBER attribute has a unit");
    } else if (in.unit() != null) {
      errors.text("unit", in.unit(), 20);
    }
    boolean hasValues = in.values() != null && !in.values().isEmpty();
    if (in.type() == AttributeType.ENUM && !hasValues) {
      errors.add("values", "an ENUM attribute needs at least one value");
    } else if (in.type() != AttributeType.ENUM && hasValues) {
      errors.add("values", "only an ENUM attribute has values");
    } else if (hasValues && in.values().size() > MAX_VALUES) {
      errors.add("values", "must contain at most " + MAX_VALUES + " values");
    } else if (hasValues) {
      var seen = new HashSet<String>();
      for (int i = 0; i < in.values().size(); i++) {
        String value = in.values().get(i);
        if (errors.text("values[" + i + "]", value, AttributeValues.MAX_TEXT) && !seen.add(value)) {
          errors.add("values[" + i + "]", "duplicate value");
        }
      }
    }
    names(errors, in.names());
    return errors;
  }

  private static void names(FieldErrors errors, Map<String, String> names) {
    if (names == null || names.isEmpty()) {
      errors.add("names", "must contain a name in at least one locale");
      return;
    }
    if (names.size() > ProductValidator.MAX_LIST) {
      errors.add("names", "must contain at most " + ProductValidator.MAX_LIST + " locales");
      return;
    }
    names.forEach((locale, name) -> {
      if (locale == null || !ProductValidator.LOCALE.matcher(locale).matches()) {
        errors.add("names." + locale, "must be keyed by a locale such as 'en' or 'de-CH'");
      } else {
        errors.text("names." + locale, name, 200);
      }
    });
  }
}
