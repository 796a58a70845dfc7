package io.ponte.connector.googlecalendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The part of Google's Event answer flows need: {@code id} (also in {@code PonteExternalId}), {@code htmlLink} (the
 * event in Google Calendar's web UI, also in {@code GoogleCalendarHtmlLink}; seed 002 stores it on the Kommo lead)
 * and {@code status}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoogleCalendarEventResult(String id, String htmlLink, String status) {}
