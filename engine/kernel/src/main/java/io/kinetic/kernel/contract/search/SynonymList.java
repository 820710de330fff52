package io.kinetic.kernel.contract.search;

import java.util.List;

public record SynonymList(List<Synonym> items) {
}
