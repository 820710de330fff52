package io.kinetic.kernel.contract.identity;

/** Staff roles. {@link #ADMIN} may do everything; the others are limited to their area. */
public enum Role { ADMIN, CATALOG, FULFILMENT }
