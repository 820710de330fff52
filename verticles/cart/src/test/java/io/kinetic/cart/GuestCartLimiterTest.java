package io.kinetic.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Whom the new-guest-cart limit counts as one client. */
class GuestCartLimiterTest {

  @Test
  void anIpv4AddressIsItsOwnClient() {
    assertEquals("192.0.2.7", GuestCartLimiter.bucket("192.0.2.7"));
    assertNotEquals(GuestCartLimiter.bucket("192.0.2.7"), GuestCartLimiter.bucket("192.0.2.8"));
  }

  @Test
  void anIpv6AddressCountsWithItsSlash64() {
    // every address of one /64, however written, is one client: rotating addresses within it gains nothing
    assertEquals("20010db8000000aa/64", GuestCartLimiter.bucket("2001:db8:0:aa::1"));
    assertEquals(GuestCartLimiter.bucket("2001:db8:0:aa::1"), GuestCartLimiter.bucket("2001:0db8:0000:00aa:ffff:1:2:3"));
    assertNotEquals(GuestCartLimiter.bucket("2001:db8:0:aa::1"), GuestCartLimiter.bucket("2001:db8:0:ab::1"));
    assertEquals("not:an:address::x", GuestCartLimiter.bucket("not:an:address::x"), "not an IP literal: kept as it is");
  }
}
