package io.ponte.conformance;

/**
 * The vendor specs that need {@link LenientSpecs}' in-memory repairs, for tests outside this package (the flow
 * tests check every request a flow sends against the vendor's spec).
 */
public final class VendorSpecs {

    private VendorSpecs() {}

    /** Evolution API v2 ({@code evolution-api.json}). */
    public static OpenApiContract evolution() {
        return LenientSpecs.evolution();
    }

    /** Twilio ({@code twilio.json}). */
    public static OpenApiContract twilio() {
        return LenientSpecs.twilio();
    }
}
