package io.kinetic.kernel.contract.catalog;

/** The value type of an attribute: text, number (with a unit), boolean, or one of a fixed set. */
public enum AttributeType { TEXT, NUMBER, BOOLEAN, ENUM }
