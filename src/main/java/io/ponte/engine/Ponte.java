package io.ponte.engine;

/** Names that flows, connectors and the engine share on a Camel exchange. */
public final class Ponte {

    /** Exchange properties (authoritative; flows may read them as {@code ${exchangeProperty.ponteEventId}}). */
    public static final String EVENT_ID = "ponteEventId";
    public static final String SOURCE = "ponteSource";
    public static final String EVENT_TYPE = "ponteEventType";
    public static final String CONTACT_KEY = "ponteContactKey";
    public static final String FRESH = "ponteFresh";
    public static final String CURRENT_DELIVERY = "ponteCurrentDelivery";
    public static final String DELIVERY_SEQ = "ponteDeliverySeq";
    public static final String IGNORED = "ponteIgnored";

    /** Message headers set for convenience in YAML flows ({@code ${header.PonteEventType}}). */
    public static final String HEADER_EVENT_ID = "PonteEventId";
    public static final String HEADER_SOURCE = "PonteSource";
    public static final String HEADER_EVENT_TYPE = "PonteEventType";
    public static final String HEADER_CONTACT_KEY = "PonteContactKey";

    /** Headers a delivery leaves on the message for the flow's next step. */
    public static final String HEADER_DELIVERY_ID = "PonteDeliveryId";
    public static final String HEADER_DELIVERY_STATUS = "PonteDeliveryStatus";
    public static final String HEADER_EXTERNAL_ID = "PonteExternalId";
    public static final String HEADER_HTTP_STATUS = "PonteHttpStatus";

    /** The header every outbound request carries, stable across retries of the same delivery. */
    public static final String DELIVERY_ID_HTTP_HEADER = "X-Ponte-Delivery-Id";

    private Ponte() {}
}
