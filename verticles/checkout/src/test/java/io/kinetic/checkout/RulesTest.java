package io.kinetic.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.checkout.ShippingCountries;
import io.kinetic.kernel.contract.checkout.ShippingMethod;
import io.kinetic.kernel.contract.checkout.ShippingZone;
import io.kinetic.kernel.error.Failure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules checkout applies everywhere: the rounding of tax, the order state machine, payments never going back. */
class RulesTest {

  @Test
  void anEmailWithAnInvisibleCharacterIsRefused() {
    for (String invisible : new String[] {"\u200b", "\u00a0", "\u202e", "\u2028"}) {
      var errors = new java.util.ArrayList<io.kinetic.kernel.error.FieldError>();
      Addresses.email("ada" + invisible + "@example.com", "email", errors);
      assertEquals(1, errors.size(), invisible);
    }
    var errors = new java.util.ArrayList<io.kinetic.kernel.error.FieldError>();
    Addresses.email("ada.lovelace+shop@exämple.com", "email", errors);
    assertEquals(0, errors.size(), errors.toString());
  }

  @Test
  void taxIsRoundedHalfUpPerLine() {
    assertEquals(new TaxRule.Split(2521, 479, 3000), TaxRule.split(3000, 1900, true)); // 478.99
    assertEquals(new TaxRule.Split(412, 78, 490), TaxRule.split(490, 1900, true)); // 78.24
    assertEquals(new TaxRule.Split(1000, 70, 1070), TaxRule.split(1000, 700, false));
    assertEquals(new TaxRule.Split(5, 1, 6), TaxRule.split(5, 1000, false), "0.5 rounds up");
    assertEquals(new TaxRule.Split(4, 0, 4), TaxRule.split(4, 1000, false), "0.4 rounds down");
    assertEquals(new TaxRule.Split(0, 0, 0), TaxRule.split(0, 1900, true));
    assertEquals(new TaxRule.Split(999_999_999_999L, 0, 999_999_999_999L), TaxRule.split(999_999_999_999L, 0, true));
    assertThrows(IllegalArgumentException.class, () -> TaxRule.split(-1, 1900, true));
  }

  @Test
  void ordersMoveOnlyAlongTheStateMachine() {
    assertTrue(OrderStates.allowed(OrderStates.PLACED, OrderStates.PAID));
    assertTrue(OrderStates.allowed(OrderStates.CANCELLED, OrderStates.PAID), "a late payment takes the stock again");
    assertFalse(OrderStates.allowed(OrderStates.PAID, OrderStates.PLACED));
    assertFalse(OrderStates.allowed(OrderStates.REFUNDED, OrderStates.PAID));
    // nothing shipped can be cancelled; nothing cancelled or refunded ships; delivered only after everything shipped
    assertFalse(OrderStates.allowed(OrderStates.PARTIALLY_FULFILLED, OrderStates.CANCELLED));
    assertFalse(OrderStates.allowed(OrderStates.FULFILLED, OrderStates.CANCELLED));
    assertFalse(OrderStates.allowed(OrderStates.CANCELLED, OrderStates.FULFILLED));
    assertFalse(OrderStates.allowed(OrderStates.REFUNDED, OrderStates.FULFILLED));
    assertFalse(OrderStates.allowed(OrderStates.PARTIALLY_FULFILLED, OrderStates.DELIVERED));
    assertFalse(OrderStates.allowed(OrderStates.PLACED, OrderStates.FULFILLED));
    assertTrue(OrderStates.allowed(OrderStates.DELIVERED, OrderStates.REFUNDED));
    assertFalse(OrderStates.allowed(OrderStates.DELIVERED, OrderStates.CANCELLED));
    assertThrows(Failure.class, () -> OrderStates.check(OrderStates.FULFILLED, OrderStates.PLACED));
    for (String state : OrderStates.ALL) {
      assertTrue(OrderStates.TRANSITIONS.containsKey(state), state + " is in the machine");
    }
  }

  @Test
  void aPaymentNeverMovesBackwards() {
    assertTrue(PaymentStatus.advances(PaymentStatus.REQUIRES_PAYMENT_METHOD, PaymentStatus.SUCCEEDED));
    assertTrue(PaymentStatus.advances(PaymentStatus.PROCESSING, PaymentStatus.SUCCEEDED));
    assertFalse(PaymentStatus.advances(PaymentStatus.SUCCEEDED, PaymentStatus.PROCESSING), "a late processing is ignored");
    assertFalse(PaymentStatus.advances(PaymentStatus.SUCCEEDED, PaymentStatus.CANCELED));
    assertFalse(PaymentStatus.advances(PaymentStatus.CANCELED, PaymentStatus.SUCCEEDED));
    assertFalse(PaymentStatus.advances(PaymentStatus.REFUNDED, PaymentStatus.SUCCEEDED));
    assertTrue(PaymentStatus.advances(PaymentStatus.SUCCEEDED, PaymentStatus.PARTIALLY_REFUNDED));
    assertEquals(PaymentStatus.PROCESSING, PaymentLedger.normalize("requires_capture"));
    assertEquals(PaymentStatus.REQUIRES_PAYMENT_METHOD, PaymentLedger.normalize("requires_action"));
  }

  @Test
  void orderLinksNameOneOrder() {
    var links = new OrderLinks("0123456789abcdef0123456789abcdef".getBytes());
    var order = java.util.UUID.randomUUID();
    String token = links.token(order);
    assertTrue(links.verify(order, token));
    assertFalse(links.verify(java.util.UUID.randomUUID(), token));
    assertFalse(links.verify(order, token.substring(1)));
    assertFalse(links.verify(order, null));
    assertFalse(links.verify(order, "%%%"));
    assertFalse(new OrderLinks("another-key-another-key-another-key".getBytes()).verify(order, token));
    // only the token as given out: no other spelling of its bytes (a probe found several accepted)
    assertFalse(links.verify(order, token + "="));
    assertFalse(links.verify(order, token.replace('-', '+').replace('_', '/')) && (token.contains("-") || token.contains("_")));
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(token.charAt(token.length() - 1));
    for (int unused = 1; unused < 4; unused++) {
      // 32 bytes are 43 characters: the last one's two low bits are not part of the bytes
      String sameBytes = token.substring(0, token.length() - 1) + alphabet.charAt(last ^ unused);
      assertTrue(java.util.Arrays.equals(java.util.Base64.getUrlDecoder().decode(token), java.util.Base64.getUrlDecoder().decode(sameBytes)));
      assertFalse(links.verify(order, sameBytes), sameBytes);
    }
  }

  @Test
  void theShopShipsToTheCountriesOfZonesWithAnActiveMethod() {
    var on = List.of(method(true));
    var off = List.of(method(false));
    var germany = zone(List.of("DE"), on);
    var alps = zone(List.of("CH", "LI"), off);
    var eu = zone(List.of("FR", "AT"), List.of(method(false), method(true)));
    var none = zone(List.of("MT"), List.of());
    assertEquals(new ShippingCountries(List.of("DE", "FR", "AT"), false), ShopSettings.shipsTo(List.of(germany, alps, eu, none)));

    // the rest of the world: every other country, alphabetically after the named ones, but not those of a zone that ships nowhere
    var world = ShopSettings.shipsTo(List.of(germany, alps, zone(List.of("*"), on), eu, none));
    assertTrue(world.everywhere());
    assertEquals(List.of("DE", "FR", "AT", "AD", "AE"), world.countries().subList(0, 5));
    assertEquals(ShopSettings.COUNTRIES.size() - 3, world.countries().size());
    assertFalse(world.countries().contains("CH") || world.countries().contains("LI") || world.countries().contains("MT"));
    assertEquals(world.countries().size(), Set.copyOf(world.countries()).size());

    // a rest of the world without an active method ships nowhere either
    assertEquals(new ShippingCountries(List.of("DE"), false), ShopSettings.shipsTo(List.of(germany, zone(List.of("*"), off))));
    assertEquals(new ShippingCountries(List.of(), false), ShopSettings.shipsTo(List.of()));
  }

  @Test
  void inACurrencyTheShopShipsOnlyWhereAMethodIsPricedInIt() {
    var euros = new ShippingMethod(UUID.randomUUID(), "Post", Map.of("EUR", 490L), Map.of(), 1, 3, true);
    var both = new ShippingMethod(UUID.randomUUID(), "Courier", Map.of("EUR", 990L, "USD", 1190L), Map.of(), 1, 2, true);
    var dollarsOff = new ShippingMethod(UUID.randomUUID(), "Old", Map.of("USD", 100L), Map.of(), 1, 2, false);
    var zones = List.of(zone(List.of("DE"), List.of(euros, both)), zone(List.of("FR"), List.of(euros, dollarsOff)),
      zone(List.of("*"), List.of(euros)));
    assertEquals(new ShippingCountries(List.of("DE"), false), ShopSettings.shipsTo(zones, "USD"));
    assertEquals(ShopSettings.shipsTo(zones), ShopSettings.shipsTo(zones, "EUR"));
    assertTrue(ShopSettings.shipsTo(zones, "EUR").everywhere());
    assertEquals(new ShippingCountries(List.of(), false), ShopSettings.shipsTo(zones, "JPY"));
  }

  private static ShippingMethod method(boolean active) {
    return new ShippingMethod(UUID.randomUUID(), "Post", Map.of("EUR", 490L), Map.of(), 1, 3, active);
  }

  private static ShippingZone zone(List<String> countries, List<ShippingMethod> methods) {
    return new ShippingZone(UUID.randomUUID(), "Zone", countries, methods, Instant.now());
  }
}
