package io.ponte.engine;

/** Lifecycle of a stored event (contract §5). */
public enum EventStatus { RECEIVED, PROCESSING, DONE, IGNORED, FAILED, ARCHIVED }
