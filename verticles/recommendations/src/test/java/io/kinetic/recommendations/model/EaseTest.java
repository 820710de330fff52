package io.kinetic.recommendations.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** EASE on tiny hand-made matrices whose B is known, and its inverse on a random one. */
class EaseTest {

  private static final UUID P0 = new UUID(0, 1);
  private static final UUID P1 = new UUID(0, 2);
  private static final UUID P2 = new UUID(0, 3);

  private static double score(List<Scored> list, UUID id) {
    return list.stream().filter(s -> s.productId().equals(id)).mapToDouble(Scored::score).findFirst().orElse(Double.NaN);
  }

  @Test
  void twoItemsGiveTheClosedForm() {
    // rows {0,1}, {0,1}, {0}: G = [[3, 2], [2, 2]]; with λ = 1, B[0][1] = 2 / (3 + 1), B[1][0] = 2 / (2 + 1)
    var rows = List.of(Map.of(P0, 1.0, P1, 1.0), Map.of(P0, 1.0, P1, 1.0), Map.of(P0, 1.0));
    var trained = Ease.train(rows, 100, 1.0, 10);
    assertEquals(2, trained.items());
    assertEquals(3, trained.rows());
    assertEquals(List.of(P1), trained.neighbours().of(P0).stream().map(Scored::productId).toList(), "never the item itself");
    assertEquals(0.5, score(trained.neighbours().of(P0), P1), 1e-12);
    assertEquals(2.0 / 3, score(trained.neighbours().of(P1), P0), 1e-12);
  }

  @Test
  void threeItemsKeepOnlyPositiveWeights() {
    // X = rows {0,1}, {1,2}, {0,1,2}, {0}; G + I = [[4,2,1],[2,4,2],[1,2,3]];
    // B = -P / diag(P), diagonal zero = [[0, 4/11, 0], [1/2, 0, 1/2], [0, 6/11, 0]]
    var rows = List.of(Map.of(P0, 1.0, P1, 1.0), Map.of(P1, 1.0, P2, 1.0), Map.of(P0, 1.0, P1, 1.0, P2, 1.0), Map.of(P0, 1.0));
    var n = Ease.train(rows, 100, 1.0, 10).neighbours();
    assertEquals(4.0 / 11, score(n.of(P0), P1), 1e-12);
    assertEquals(1, n.of(P0).size(), "B[0][2] is 0: not a neighbour");
    assertEquals(0.5, score(n.of(P1), P0), 1e-12);
    assertEquals(0.5, score(n.of(P1), P2), 1e-12);
    assertEquals(6.0 / 11, score(n.of(P2), P1), 1e-12);
    assertEquals(1, n.of(P2).size());
  }

  @Test
  void onlyTheMostFrequentItemsAreKept() {
    var rows = List.of(Map.of(P0, 1.0, P1, 1.0), Map.of(P0, 1.0, P1, 1.0, P2, 1.0), Map.of(P0, 1.0, P1, 1.0));
    var trained = Ease.train(rows, 2, 1.0, 10);
    assertEquals(2, trained.items());
    assertTrue(trained.neighbours().of(P2).isEmpty(), "P2, the rarest, is left out");
    assertTrue(trained.neighbours().of(P0).stream().noneMatch(s -> s.productId().equals(P2)));
  }

  @Test
  void theInverseOfARandomPositiveDefiniteMatrixIsOne() {
    var random = new Random(7);
    int n = 40;
    double[][] x = new double[60][n];
    for (double[] row : x) {
      for (int j = 0; j < n; j++) {
        row[j] = random.nextDouble() < 0.2 ? 1 : 0;
      }
    }
    double[][] g = new double[n][n];
    for (double[] row : x) {
      for (int a = 0; a < n; a++) {
        for (int b = 0; b < n; b++) {
          g[a][b] += row[a] * row[b];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      g[i][i] += 2;
    }
    var copy = new ArrayList<double[]>();
    for (double[] row : g) {
      copy.add(row.clone());
    }
    double[][] inverse = Ease.inverse(g);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += copy.get(i)[k] * inverse[k][j];
        }
        assertEquals(i == j ? 1 : 0, s, 1e-9, "(G + λI) · its inverse at " + i + "," + j);
      }
    }
  }
}
