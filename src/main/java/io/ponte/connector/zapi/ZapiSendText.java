package io.ponte.connector.zapi;

/**
 * Body of {@code POST /instances/{instanceId}/token/{token}/send-text}.
 *
 * @param phone the recipient, digits with country code and area code, no mask ({@code 5511987654321})
 * @param message the text (WhatsApp formatting allowed)
 */
public record ZapiSendText(String phone, String message) {}
