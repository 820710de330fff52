package io.kinetic.recommendations.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * EASE (Steck 2019), item-item in closed form: with X the rows (sessions and orders) × items
 * matrix, {@code P = (XᵀX + λI)⁻¹} and {@code B[i][j] = -P[i][j] / P[j][j]}, its diagonal zero. A
 * row's score for item j is {@code Σ_i x_i B[i][j]}, so item i's neighbours are the best positive
 * entries of row i of B, kept as the top k ({@link TopNeighbours}). Over the {@code maxItems} items
 * found in most rows (the matrix is dense: n² doubles, n³ work), in plain Java: a Cholesky
 * factorisation of the symmetric positive definite {@code XᵀX + λI}, the inverse of its factor,
 * then P from it. Pure and single-threaded: run it off the event loop.
 */
public final class Ease {

  /** The neighbour lists, and what they came from. */
  public record Trained(TopNeighbours neighbours, int items, int rows, long millis) {
  }

  private Ease() {
  }

  /**
   * {@code rows}: per session or order, its products with their values (e.g. 1, or the signal's
   * weight). Items beyond the {@code maxItems} most frequent are left out.
   */
  public static Trained train(Collection<Map<UUID, Double>> rows, int maxItems, double lambda, int k) {
    long started = System.nanoTime();
    var frequency = new HashMap<UUID, Integer>();
    rows.forEach(r -> r.keySet().forEach(id -> frequency.merge(id, 1, Integer::sum)));
    var items = new ArrayList<>(frequency.keySet());
    items.sort(Comparator.<UUID>comparingInt(frequency::get).reversed().thenComparing(Comparator.naturalOrder()));
    if (items.size() > maxItems) {
      items.subList(maxItems, items.size()).clear();
    }
    int n = items.size();
    var index = new HashMap<UUID, Integer>(n * 2);
    for (int i = 0; i < n; i++) {
      index.put(items.get(i), i);
    }
    double[][] g = new double[n][n];
    int used = 0;
    int[] at = new int[64];
    double[] value = new double[64];
    for (Map<UUID, Double> row : rows) {
      int m = 0;
      for (var e : row.entrySet()) {
        Integer i = index.get(e.getKey());
        if (i != null) {
          if (m == at.length) {
            at = java.util.Arrays.copyOf(at, m * 2);
            value = java.util.Arrays.copyOf(value, m * 2);
          }
          at[m] = i;
          value[m++] = e.getValue();
        }
      }
      if (m > 0) {
        used++;
      }
      for (int a = 0; a < m; a++) {
        for (int b = 0; b < m; b++) {
          g[at[a]][at[b]] += value[a] * value[b];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      g[i][i] += lambda;
    }
    double[][] p = inverse(g);
    var neighbours = new TopNeighbours(k);
    for (int i = 0; i < n; i++) {
      var best = new ArrayList<Scored>();
      for (int j = 0; j < n; j++) {
        if (j != i) {
          double b = -p[i][j] / p[j][j];
          if (b > 0) {
            best.add(new Scored(items.get(j), b));
          }
        }
      }
      if (!best.isEmpty()) {
        neighbours.replace(items.get(i), best);
      }
    }
    return new Trained(neighbours, n, used, (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * The inverse of a symmetric positive definite matrix (overwritten): A = L Lᵀ (Cholesky, into
   * {@code a}'s lower triangle), M = L⁻¹ kept transposed (rows contiguous), A⁻¹ = Mᵀ M.
   */
  static double[][] inverse(double[][] a) {
    int n = a.length;
    // Cholesky: L[i][j] = (A[i][j] - Σ_{k<j} L[i][k] L[j][k]) / L[j][j]
    for (int j = 0; j < n; j++) {
      double[] lj = a[j];
      double d = lj[j];
      for (int k = 0; k < j; k++) {
        d -= lj[k] * lj[k];
      }
      if (d <= 0) {
        throw new ArithmeticException("not positive definite at " + j);
      }
      d = Math.sqrt(d);
      lj[j] = d;
      for (int i = j + 1; i < n; i++) {
        double[] li = a[i];
        double s = li[j];
        for (int k = 0; k < j; k++) {
          s -= li[k] * lj[k];
        }
        li[j] = s / d;
      }
    }
    // mt[j][i] = M[i][j] for i >= j, M = L⁻¹ (lower): M[i][j] = -(Σ_{k=j}^{i-1} L[i][k] M[k][j]) / L[i][i]
    double[][] mt = new double[n][n];
    for (int j = 0; j < n; j++) {
      double[] col = mt[j];
      col[j] = 1 / a[j][j];
      for (int i = j + 1; i < n; i++) {
        double[] li = a[i];
        double s = 0;
        for (int k = j; k < i; k++) {
          s += li[k] * col[k];
        }
        col[i] = -s / li[i];
      }
    }
    // A⁻¹[x][y] = Σ_{k >= max(x, y)} M[k][x] M[k][y], into a (L is no longer needed)
    for (int x = 0; x < n; x++) {
      double[] mx = mt[x];
      for (int y = x; y < n; y++) {
        double[] my = mt[y];
        double s = 0;
        for (int k = y; k < n; k++) {
          s += mx[k] * my[k];
        }
        a[x][y] = s;
        a[y][x] = s;
      }
    }
    return a;
  }

  /** The rows of signals: per session (orders included), each product's strongest signal weight, or 1 when {@code binary}. */
  public static List<Map<UUID, Double>> rows(Collection<Signal> signals, boolean binary) {
    var bySession = new HashMap<String, Map<UUID, Double>>();
    for (Signal s : signals) {
      if (s.session() == null) {
        continue;
      }
      double v = binary ? 1 : s.weight();
      bySession.computeIfAbsent(s.session(), x -> new HashMap<>()).merge(s.product(), v, Math::max);
    }
    return new ArrayList<>(bySession.values());
  }
}
