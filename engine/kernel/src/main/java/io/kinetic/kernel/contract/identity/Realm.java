package io.kinetic.kernel.contract.identity;

/** Customers and staff log in separately; a customer token never reaches admin data. */
public enum Realm { CUSTOMER, STAFF }
