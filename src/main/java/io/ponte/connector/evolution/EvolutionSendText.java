package io.ponte.connector.evolution;

/**
 * Body of {@code POST /message/sendText/{instance}} (spec operation {@code sendText}).
 *
 * @param number the recipient, digits with country code ({@code 5511987654321})
 * @param text the message
 */
public record EvolutionSendText(String number, String text) {}
