package io.kinetic.kernel.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostalCodesTest {

  @Test
  void everyCountryWithAFormatTakesItsOwnExampleAndEveryCodeIsACountry() {
    int formats = 0;
    for (String country : Locale.getISOCountries()) {
      var format = PostalCodes.format(country);
      if (format != null) {
        formats++;
        assertNull(PostalCodes.problem(country, format.example()), country);
        assertFalse(PostalCodes.optional(country), country + " has a format and no code is optional");
      }
    }
    assertTrue(formats > 80, "formats: " + formats);
    assertTrue(Set.of(Locale.getISOCountries()).containsAll(PostalCodes.OPTIONAL));
  }

  @Test
  void aCountrysFormatIsCheckedAndTheCodeKeptUpperCase() {
    assertEquals(List.of(), errors("DE", "10117"));
    assertEquals(List.of(new FieldError("postalCode", "is not a postal code of Germany, such as 10117")), errors("DE", "1011"));
    assertEquals(List.of(new FieldError("postalCode", "is not a postal code of Austria, such as 1010")), errors("AT", "10115"));
    assertEquals("SW1A 1AA", clean("gb", "sw1a  1aa").postalCode());
    assertEquals("1234 AB", clean("NL", "1234 ab").postalCode());
    assertEquals(List.of(), errors("US", "10001-1234"));
    assertEquals(List.of(), errors("LV", "1050"));
    assertEquals(List.of(), errors("LV", "LV-1050"));
    assertEquals(List.of(), errors("CA", "K1A 0B1"));
    assertEquals("postalCode", errors("CA", "D1A 0B1").get(0).field(), "no Canadian code starts with D");
    // a country prefix, as many still write it, is dropped where the code needs it dropped (LV's is the post's own)
    assertEquals("8001", clean("CH", "CH-8001").postalCode());
    assertEquals("10117", clean("DE", "D-10117").postalCode());
    assertEquals("114 55", clean("SE", "se-114 55").postalCode());
    assertEquals("9490", clean("LI", "FL-9490").postalCode());
    assertEquals("LV-1050", clean("LV", "LV-1050").postalCode());
    assertEquals(List.of(new FieldError("postalCode", "is not a postal code of Germany, such as 10117")), errors("DE", "D-1011"));
    // Vietnam's five digits (since 2017), a ZIP+4 with a space, Serbia's six
    assertEquals(List.of(), errors("VN", "10000"));
    assertEquals(List.of(), errors("US", "10001 1234"));
    assertEquals(List.of(), errors("RS", "110001"));
    // a country without a known format: any code of letters, digits, spaces and hyphens
    assertEquals(List.of(), errors("AF", "1001"));
    // the characters are checked first, and the code is never repeated in a message
    assertEquals(List.of(new FieldError("postalCode", "may hold letters, digits, spaces and hyphens only")), errors("DE", "10117!"));
  }

  @Test
  void whereNoPostalCodesAreInUseTheCodeIsOptional() {
    assertEquals(List.of(), errors("AE", null));
    assertEquals(List.of(), errors("HK", " "));
    assertNull(clean("HK", " ").postalCode());
    assertEquals(List.of(), errors("IE", "D02 X285"));
    assertEquals(List.of(new FieldError("postalCode", "is required")), errors("DE", null));
    // an unknown country: the code is still required (and the country said to be wrong)
    assertEquals(List.of("postalCode", "country"), errors("XX", null).stream().map(FieldError::field).toList());
  }

  @Test
  void aLineThatShowsNothingIsBlank() {
    var errors = new ArrayList<FieldError>();
    AddressRules.clean("", "\uFEFF", null, "Street 1", "\u200B \u200E", "10117", "Berlin", null, "DE", null, errors);
    assertEquals(List.of(new FieldError("name", "is required")), errors, "an invisible name is none; an invisible line 2 is left out");
  }

  private static List<FieldError> errors(String country, String postalCode) {
    var errors = new ArrayList<FieldError>();
    AddressRules.clean("", "Ada", null, "Street 1", null, postalCode, "City", null, country, null, errors);
    return errors;
  }

  private static AddressRules.Lines clean(String country, String postalCode) {
    var errors = new ArrayList<FieldError>();
    var lines = AddressRules.clean("", "Ada", null, "Street 1", null, postalCode, "City", null, country, null, errors);
    assertEquals(List.of(), errors);
    return lines;
  }
}
