package io.kinetic.kernel.contract.catalog;

/** Storefront and admin list orders. */
public enum ProductSort { NEWEST, PRICE_ASC, PRICE_DESC, NAME }
