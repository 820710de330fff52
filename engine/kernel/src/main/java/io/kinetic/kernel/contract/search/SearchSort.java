package io.kinetic.kernel.contract.search;

/** Result orders; {@link #RELEVANCE} is newest first for a browse (an empty query). */
public enum SearchSort { RELEVANCE, PRICE_ASC, PRICE_DESC, NEWEST }
