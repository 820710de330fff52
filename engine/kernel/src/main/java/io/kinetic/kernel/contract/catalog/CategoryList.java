package io.kinetic.kernel.contract.catalog;

import java.util.List;

/** Categories in tree order (parents before children, siblings by position). */
public record CategoryList(List<CategoryView> items) {
}
