package io.kinetic.kernel.net;

import io.netty.util.NetUtil;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); a plain
 * address is a range of one. Addresses are parsed as literals only, never resolved through DNS, and
 * IPv4-mapped IPv6 addresses ({@code ::ffff:10.1.2.3}) count as their IPv4 address.
 */
public final class IpRange {

  private final byte[] network;
  private final int prefix;
  private final String text;

  private IpRange(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /** Parses {@code address} or {@code address/prefix}; throws {@link IllegalArgumentException} when it is neither. */
  public static IpRange parse(String cidr) {
    String value = cidr == null ? "" : cidr.strip();
    int slash = value.indexOf('/');
    String host = slash < 0 ? value : value.substring(0, slash);
    byte[] address = address(host).orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: " + cidr));
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(value.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length in " + cidr);
      }
      if (host.contains(":") && address.length == 4) {
        prefix -= 96; // ::ffff:a.b.c.d/120 is a.b.c.d/24
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("prefix length out of range in " + cidr);
      }
    }
    return new IpRange(mask(address, prefix), prefix, value);
  }

  /** Whether the literal address {@code ip} lies in this range; false for anything that is not an IP literal. */
  public boolean contains(String ip) {
    return address(ip).map(this::contains).orElse(false);
  }

  public boolean contains(byte[] address) {
    return address.length == network.length && Arrays.equals(mask(address, prefix), network);
  }

  /** The bytes of an IP literal (4 for IPv4, also when written IPv4-mapped; 16 for IPv6); empty for anything else. */
  public static Optional<byte[]> address(String literal) {
    if (literal == null || literal.isEmpty() || literal.length() > 45) {
      return Optional.empty();
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
    if (bytes == null) {
      return Optional.empty();
    }
    if (bytes.length == 16 && isIpv4Mapped(bytes)) {
      bytes = Arrays.copyOfRange(bytes, 12, 16);
    }
    return Optional.of(bytes);
  }

  /** The canonical text of an IP literal ({@code 2001:db8::1}, {@code 10.1.2.3}); empty when it is none. */
  public static Optional<String> normalize(String literal) {
    return address(literal).map(NetUtil::bytesToIpAddress);
  }

  @Override
  public String toString() {
    return text;
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - 8 * i));
      out[i] &= (byte) (keep == 0 ? 0 : 0xff << (8 - keep));
    }
    return out;
  }
}
