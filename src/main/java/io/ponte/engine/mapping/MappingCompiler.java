package io.ponte.engine.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;

/** The one place a mapping definition becomes code and is run, so every caller reports errors the same way. */
public final class MappingCompiler {

    /** The only language supported today; the column exists so another can be added without a migration. */
    public static final String JSLT = "jslt";

    private MappingCompiler() {}

    /** Compiles a JSLT definition; {@code what} names it in the error (a file, a key, "the definition"). */
    public static Expression compile(String what, String definition) {
        try {
            return Parser.compileString(definition);
        } catch (JsltException e) {
            throw new InvalidMappingException(what + " does not compile", MappingError.of(e), e);
        } catch (RuntimeException e) { // JSLT reports a few parser faults outside JsltException
            throw new InvalidMappingException(what + " does not compile", new MappingError(e.toString(), null, null), e);
        }
    }

    /** Applies a compiled mapping; a failure carries the position in the definition when JSLT knows it. */
    public static JsonNode apply(String what, Expression expression, JsonNode input) {
        try {
            return expression.apply(input);
        } catch (JsltException e) {
            throw new InvalidMappingException(what + " failed", MappingError.of(e), e);
        } catch (RuntimeException e) {
            throw new InvalidMappingException(what + " failed",
                    new MappingError(String.valueOf(e.getMessage()), null, null), e);
        }
    }
}
