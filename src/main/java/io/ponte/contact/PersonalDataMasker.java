package io.ponte.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data (LGPD "dados pessoais") for logs and for API views: phone numbers, e-mail addresses, CPFs and,
 * where a field or key says so, names and other documents. Stateless and thread-safe; every method is static so that
 * the logback converter, Camel processors and controllers can call it without wiring.
 *
 * <h2>Formats</h2>
 * <ul>
 *   <li>Phone: the written shape is kept, the country code (only when it was written) and the last four digits
 *       stay, every other digit becomes {@code *}: {@code +5511987654321 → +55*******4321},
 *       {@code (11) 98765-4321 → (**) *****-4321}, {@code whatsapp:+55… → whatsapp:+55*******4321},
 *       {@code 5511987654321@s.whatsapp.net → 55*******4321@s.whatsapp.net}. Enough for support to tell two
 *       numbers apart and to confirm one with the patient, too little to call anybody.</li>
 *   <li>E-mail: the first two characters (one when short) of the local part and of the domain's first label, then
 *       the public suffix: {@code maria.souza@gmail.com → ma***@gm***.com},
 *       {@code ana@clinica.com.br → a***@cl***.com.br}. The {@code ***} hides the length.</li>
 *   <li>CPF: only the two check digits stay, always in the formatted shape: {@code ***.***.***-00}.</li>
 *   <li>Name: the first letter of each word: {@code Maria Souza → M*** S***}.</li>
 *   <li>Anything else in a personal field (RG, passport, {@code …@lid} ids, unknown shapes): letters and digits
 *       become {@code *}, the last two stay when there are at least six.</li>
 * </ul>
 *
 * <h2>Free text ({@link #maskText})</h2>
 * Finds e-mails, CPFs (formatted, or 11 bare digits), phone numbers written with {@code +} (also URL-encoded
 * {@code %2B}), Brazilian numbers written with an area code and separators ({@code (11) 98765-4321},
 * {@code 11 98765-4321}, {@code 11 3456-7890}), local mobiles ({@code 98765-4321}), bare 12–13 digit numbers that
 * start with 55 and a Brazilian area code, WhatsApp JIDs, and the values of personal keys in {@code "key":"value"}
 * (JSON) and {@code key=value} (query strings, forms, {@code toString()} of records) pairs, e.g.
 * {@code ProfileName=Maria} or {@code "name":"Maria Souza"}. It leaves alone UUIDs, ISO dates and times, epoch seconds
 * (10 digits) and milliseconds (13 digits not starting with 55), HTTP statuses and ids of up to 10 digits.
 *
 * <h2>JSON ({@link #maskJson(JsonNode)})</h2>
 * Fields are classified by name (case and {@code _}/{@code -}/camelCase insensitive): names ({@code name},
 * {@code first_name}, {@code ProfileName}, {@code pushName}, {@code nome_paciente}… but not {@code inbox_name},
 * {@code file_name}, {@code event_name}…), e-mails, phones ({@code phone*}, {@code mobile}, {@code whatsapp},
 * {@code wa_id}, {@code remoteJid}, {@code senderPn}, {@code telefone}, {@code celular}), documents ({@code cpf},
 * {@code rg}, {@code document*}, {@code cns}, {@code passport}), and fields that only sometimes hold a phone number
 * ({@code from}, {@code to}, {@code sender}, {@code identifier}, {@code number}…: masked only when the value is a
 * valid international number, a JID or an e-mail, so {@code "from": "2025-05-01"} stays). Keys ending in
 * {@code id}, {@code type}, {@code status}, {@code at}… ({@code phone_number_id}, {@code document_type},
 * {@code email_verified_at}) are not personal. Every other string goes through {@link #maskText}, so a phone number
 * inside a message body is masked too; other numbers (ids) stay.
 */
public final class PersonalDataMasker {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    /** Starts a number: not inside a word, a longer number, a decimal, a UUID or a dotted/dashed id. */
    private static final String NUM_START = "(?<![\\w+]|\\w[.\\-])";
    /** Ends a number: not followed by a word character, an '@', or more digits after a '.' or '-'. */
    private static final String NUM_END = "(?![\\w@]|[.\\-]\\d)";
    private static final String DOMAIN = "[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}";

    /*
     * maskText walks the text once and, only at the few positions where one can start (a '"', a digit that starts a
     * word, a '+', a '(', the start of a word before an '@' or an '='), tries these patterns anchored there. A
     * single alternation regex would cost ~10 ns per character per alternative, which is too much for every log
     * line. Lookbehinds see the text before the position (transparent bounds).
     *
     * Why bare digit runs are masked only at 11 (CPF or national mobile) and at 12-13 digits starting with 55 and a
     * Brazilian area code: 10 digits are epoch seconds as often as landlines (1747055130 is also a valid landline in
     * area code 17), and 13 digits are epoch milliseconds (17…) unless they start with 55, which epoch milliseconds
     * will not do before the year 2144. Landlines, and numbers of other countries, are recognised when written with
     * '+', with separators or in a phone field, which is how they appear in practice. An 11-digit run is always
     * personal in a Brazilian system (CPF, PIS/NIT or a mobile), so it is masked whatever it is.
     */

    /** "key": "value" (JSON, possibly inside a log message). */
    private static final Pattern JSON_PAIR = Pattern.compile(
            "\"(?<key>[A-Za-z_$][\\w$\\-]{0,63})\"\\s*:\\s*\"(?<value>(?:[^\"\\\\]|\\\\.)*+)\"");
    /** WhatsApp JID (5511987654321@s.whatsapp.net, …:12@s.whatsapp.net, …@c.us), old group JID (phone-epoch@g.us). */
    private static final Pattern JID = Pattern.compile(NUM_START
            + "(?:\\d{6,15}(?=(?:[:.]\\d{1,4})?@(?:s\\.whatsapp\\.net|c\\.us)\\b)|\\d{10,15}(?=-\\d{9,10}@g\\.us\\b))");
    private static final Pattern EMAIL_IN_TEXT = Pattern.compile(
            "(?<![\\w.%+\\-])[\\w.%+\\-]{1,64}@(?!(?:g\\.us|c\\.us|s\\.whatsapp\\.net)\\b)" + DOMAIN
                    + "(?![\\w\\-]|\\.[A-Za-z0-9])");
    private static final Pattern NUMBER = Pattern.compile(String.join("|",
            // CPF: 123.456.789-00, 123456789-00
            "(?<![\\w.\\-])(?<cpf>\\d{3}\\.?\\d{3}\\.?\\d{3}-\\d{2})" + NUM_END,
            // Brazilian with the area code and separators: 11 98765-4321, 11 9 8765 4321, 11 3456-7890
            NUM_START + "(?<brd>[1-9]{2}[ .+\\-]?(?:9[ .]?\\d{4}|[2-5]\\d{3})[ .\\-]\\d{4})" + NUM_END,
            // local mobile without the area code: 98765-4321
            "(?<![\\w.\\-])(?<local>9\\d{4}-\\d{4})" + NUM_END,
            // bare digits: see the comment above
            NUM_START + "(?<digits>\\d{11,13})" + NUM_END));
    /** International: +55 (11) 98765-4321, +1 415 867 5309, whatsapp:+5511…, URL-encoded %2B5511…. */
    private static final Pattern INTERNATIONAL = Pattern.compile(
            "(?:(?<![\\w+])\\+[1-9](?:[ .()\\-]{0,2}\\d){7,14}|%2[Bb][1-9](?:(?:[ .()\\-+]|%20){0,2}\\d){7,14})(?!\\d)");
    /** Brazilian with the area code in parentheses: (11) 98765-4321, (011) 3456-7890, (11) 8765-4321. */
    private static final Pattern PARENTHESES = Pattern.compile(
            "(?<![\\w+])\\(0?[1-9]{2}\\)[ \\u00a0]?(?:9[ .]?\\d{4}|[2-9]\\d{3})[ .\\-]?\\d{4}" + NUM_END);
    /** key=value: query strings, form bodies, toString() of records and Lombok/IDE classes, "phone=…" in messages. */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?<![\\w%.\\-])(?<key>[A-Za-z][A-Za-z0-9_]{0,63})="
                    + "(?:'(?<quoted>[^'\\n]{1,512})'|(?<value>[^&\\s\"',;<>(){}\\[\\]]{1,512}))");

    private static final Pattern EMAIL = Pattern.compile("[\\w.%+\\-]{1,64}@" + DOMAIN);
    private static final Pattern NAME_WORD = Pattern.compile("[\\p{L}][\\p{L}'\\-]*");
    private static final Pattern CPF_SHAPED = Pattern.compile("\\d{3}\\.?\\d{3}\\.?\\d{3}-?\\d{2}");

    private PersonalDataMasker() {
    }

    // ------------------------------------------------------------------------------------------------ free text

    /** The text with every phone number, e-mail, CPF and personal key=value found in it masked; null stays null. */
    public static String maskText(String text) {
        if (text == null || !worthScanning(text)) {
            return text;
        }
        return new Scan(text).run();
    }

    /**
     * Cheap pre-check so that most log lines never reach a regex: nothing to mask has fewer than 8 digits unless
     * the text has a '"', an '@' or an '='.
     */
    private static boolean worthScanning(String text) {
        int digits = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits >= 8) {
                    return true;
                }
            } else if (c == '"' || c == '@' || c == '=') {
                return true;
            }
        }
        return false;
    }

    /** One maskText call: the matchers are made when first needed and reused along the text. */
    private static final class Scan {
        private final String text;
        private final int length;
        private final boolean hasAt;
        private final boolean hasEquals;
        private final boolean hasQuote;
        private final Matcher[] matchers = new Matcher[7];
        private StringBuilder out;
        private int copied;

        Scan(String text) {
            this.text = text;
            this.length = text.length();
            this.hasAt = text.indexOf('@') >= 0;
            this.hasEquals = text.indexOf('=') >= 0;
            this.hasQuote = text.indexOf('"') >= 0;
        }

        String run() {
            int i = 0;
            while (i < length) {
                int next = at(i);
                i = next > i ? next : i + 1;
            }
            if (out == null) {
                return text;
            }
            return out.append(text, copied, length).toString();
        }

        /** Masks what starts at i, if anything; returns where to go on (i when nothing starts there). */
        private int at(int i) {
            char c = text.charAt(i);
            char previous = i > 0 ? text.charAt(i - 1) : ' ';
            Matcher m;
            if (c == '"') {
                if (hasQuote && (m = match(0, JSON_PAIR, i)) != null) {
                    String value = m.group("value");
                    replace(m.start("value"), m.end("value"), maskField(classify(m.group("key")), value));
                    return m.end();
                }
                return i;
            }
            boolean wordStart = !isWord(previous);
            if (isDigit(c) && wordStart) {
                if (hasAt && (m = match(1, JID, i)) != null) {
                    String digits = m.group();
                    replace(i, m.end(), maskDigits(digits, PhoneNumbers.callingCodeLength(digits)));
                    return m.end();
                }
                if (hasAt && isLocalPart(c) && !isLocalPart(previous) && (m = match(2, EMAIL_IN_TEXT, i)) != null) {
                    replace(i, m.end(), maskEmail(m.group()));
                    return m.end();
                }
                if (digitsAhead(i) >= 9 && (m = match(3, NUMBER, i)) != null) {
                    String group;
                    String masked;
                    if ((group = m.group("cpf")) != null) {
                        masked = maskCpf(group);
                    } else if ((group = m.group("digits")) != null) {
                        masked = maskBareDigits(group);
                    } else {
                        masked = maskDigits(m.group(), 0);
                    }
                    if (masked != null) {
                        replace(i, m.end(), masked);
                        return m.end();
                    }
                }
                return i;
            }
            if (c == '+' || c == '%') {
                if ((m = match(4, INTERNATIONAL, i)) != null) {
                    String number = m.group();
                    int prefix = c == '+' ? 1 : 3;
                    replace(i + prefix, m.end(),
                            maskDigits(number.substring(prefix), PhoneNumbers.callingCodeLength(number.substring(prefix))));
                    return m.end();
                }
            } else if (c == '(') {
                if ((m = match(5, PARENTHESES, i)) != null) {
                    replace(i, m.end(), maskDigits(m.group(), 0));
                    return m.end();
                }
                return i;
            }
            if (hasAt && isLocalPart(c) && !isLocalPart(previous) && (m = match(2, EMAIL_IN_TEXT, i)) != null) {
                replace(i, m.end(), maskEmail(m.group()));
                return m.end();
            }
            if (hasEquals && wordStart && isAsciiLetter(c) && "%.-".indexOf(previous) < 0
                    && (m = match(6, KEY_VALUE, i)) != null) {
                Kind kind = classify(m.group("key"));
                String group = m.group("quoted") != null ? "quoted" : "value";
                int start = m.start(group);
                int end = m.end(group);
                if (kind == Kind.NAME && group.equals("value")) {
                    end = extendName(text, end);
                }
                replace(start, end, maskField(kind, text.substring(start, end)));
                return Math.max(end, m.end());
            }
            return i;
        }

        /** Digits from i on, through the separators that NUMBER allows, up to 13: each NUMBER needs 9 or more. */
        private int digitsAhead(int i) {
            int digits = 0;
            for (int j = i; j < length && digits < 13; j++) {
                char c = text.charAt(j);
                if (isDigit(c)) {
                    digits++;
                } else if (c != ' ' && c != '.' && c != '-' && c != '+') {
                    break;
                }
            }
            return digits;
        }

        /** The matcher of the pattern if it matches at i, else null. */
        private Matcher match(int slot, Pattern pattern, int i) {
            Matcher m = matchers[slot];
            if (m == null) {
                m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                matchers[slot] = m;
            }
            m.region(i, length);
            return m.lookingAt() ? m : null;
        }

        private void replace(int start, int end, String replacement) {
            if (replacement == null || replacement.contentEquals(text.subSequence(start, end))) {
                return;
            }
            if (out == null) {
                out = new StringBuilder(length + 16);
            }
            out.append(text, copied, start).append(replacement);
            copied = end;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isAsciiLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        /** Regex \w (ASCII). */
        private static boolean isWord(char c) {
            return isDigit(c) || isAsciiLetter(c) || c == '_';
        }

        private static boolean isLocalPart(char c) {
            return isWord(c) || c == '.' || c == '%' || c == '+' || c == '-';
        }
    }

    /** "name=Maria Souza Lima, …": a name goes on over up to five more words, but not over the next key. */
    private static int extendName(String text, int end) {
        int pos = end;
        for (int words = 0; words < 5 && pos + 1 < text.length() && text.charAt(pos) == ' '; words++) {
            Matcher word = NAME_WORD.matcher(text).region(pos + 1, text.length());
            if (!word.lookingAt()) {
                break;
            }
            int after = word.end();
            if (after < text.length() && "=:(".indexOf(text.charAt(after)) >= 0) {
                break; // the next key, not a surname
            }
            pos = after;
        }
        return pos;
    }

    private static String maskBareDigits(String d) {
        int n = d.length();
        boolean ddd = n >= 4 && d.charAt(n == 11 ? 0 : 2) != '0' && d.charAt(n == 11 ? 1 : 3) != '0';
        if (n == 13 && d.startsWith("55") && ddd && d.charAt(4) == '9') {
            return maskDigits(d, 2);
        }
        if (n == 12 && d.startsWith("55") && ddd && d.charAt(4) >= '2') {
            return maskDigits(d, 2);
        }
        if (n == 11) {
            return ddd && d.charAt(2) == '9' && !isValidCpf(d) ? maskDigits(d, 0) : maskCpf(d);
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ JSON

    /** A masked deep copy of the node (see the class comment); null stays null. The argument is not changed. */
    public static JsonNode maskJson(JsonNode node) {
        return node == null ? null : mask(node, Kind.NONE);
    }

    /**
     * The JSON document masked and serialised compactly; text that is not a JSON object or array goes through
     * {@link #maskText} instead. Null stays null.
     */
    public static String maskJson(String json) {
        if (json == null) {
            return null;
        }
        String trimmed = json.strip();
        if (trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')) {
            return maskText(json);
        }
        try {
            JsonNode node = MAPPER.readTree(trimmed);
            if (node == null || !node.isContainerNode()) {
                return maskText(json);
            }
            return MAPPER.writeValueAsString(maskJson(node));
        } catch (JsonProcessingException | RuntimeException e) {
            return maskText(json);
        }
    }

    private static JsonNode mask(JsonNode node, Kind kind) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                Kind own = classify(field.getKey());
                Kind childKind = own == Kind.NONE && kind.inherited() ? kind : own;
                out.set(field.getKey(), mask(field.getValue(), childKind));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode(node.size());
            for (JsonNode element : node) {
                out.add(mask(element, kind));
            }
            return out;
        }
        if (node.isTextual()) {
            String value = node.textValue();
            String masked = maskField(kind, value);
            return masked.equals(value) ? node : TextNode.valueOf(masked);
        }
        if (node.isIntegralNumber() && (kind == Kind.PHONE || kind == Kind.DOCUMENT || kind == Kind.AMBIGUOUS)) {
            String value = node.asText();
            String masked = kind == Kind.AMBIGUOUS ? maskStrictPhone(value, false) : maskField(kind, value);
            return masked == null || masked.equals(value) ? node : TextNode.valueOf(masked);
        }
        return node.deepCopy(); // value nodes are immutable and return themselves
    }

    // ------------------------------------------------------------------------------------------------ fields

    /** What a field or key holds, judged by its name. */
    enum Kind {
        NONE, NAME, EMAIL, PHONE, DOCUMENT,
        /** from, to, sender, identifier…: a phone number or JID sometimes, a date or a word other times. */
        AMBIGUOUS;

        /** Whether an object or array under such a field is personal throughout ("name": {"first": …}). */
        boolean inherited() {
            return this != NONE && this != AMBIGUOUS;
        }
    }

    private static final Map<String, Kind> EXACT = Map.ofEntries(
            Map.entry("waid", Kind.PHONE), Map.entry("remotejid", Kind.PHONE), Map.entry("remotejidalt", Kind.PHONE),
            Map.entry("jid", Kind.PHONE), Map.entry("senderpn", Kind.PHONE), Map.entry("participantpn", Kind.PHONE),
            Map.entry("participantalt", Kind.PHONE), Map.entry("tel", Kind.PHONE), Map.entry("fone", Kind.PHONE),
            Map.entry("cel", Kind.PHONE),
            Map.entry("from", Kind.AMBIGUOUS), Map.entry("to", Kind.AMBIGUOUS), Map.entry("sender", Kind.AMBIGUOUS),
            Map.entry("recipient", Kind.AMBIGUOUS), Map.entry("identifier", Kind.AMBIGUOUS),
            Map.entry("author", Kind.AMBIGUOUS), Map.entry("participant", Kind.AMBIGUOUS),
            Map.entry("chatid", Kind.AMBIGUOUS), Map.entry("number", Kind.AMBIGUOUS),
            Map.entry("numero", Kind.AMBIGUOUS), Map.entry("contact", Kind.AMBIGUOUS),
            Map.entry("name", Kind.NAME), Map.entry("nome", Kind.NAME));

    /** A last word that makes a field metadata about personal data rather than the data itself. */
    private static final Set<String> NEUTRAL_LAST = Set.of(
            "id", "ids", "type", "types", "tipo", "count", "status", "verified", "confirmed", "enabled", "valid",
            "at", "date", "version", "format", "country", "region", "code", "opt", "optin", "consent", "source");

    private static final List<String> PHONE_WORDS = List.of(
            "phone", "telefone", "celular", "mobile", "whatsapp", "msisdn");

    /** Words (prefixes) of name fields that name things, not people: inbox_name, file_name, event_name… */
    private static final List<String> NOT_PEOPLE = List.of(
            "file", "host", "template", "event", "inbox", "channel", "company", "business", "organi", "empresa",
            "clinic", "account", "pipeline", "status", "stage", "servic", "procedur", "product", "produto",
            "instance", "server", "domain", "special", "especial", "verified", "city", "cidade", "country", "pais",
            "state", "estado", "brand", "device", "provider", "vendor", "source", "integration", "webhook", "categor",
            "folder", "queue", "topic", "table", "column", "field", "campo", "attribute", "atributo", "method",
            "class", "label", "tag", "team", "group", "grupo", "role", "unit", "unidade", "plan", "app", "bot", "key",
            "step", "job", "task", "flow", "action", "type", "kind", "schema", "index", "metric", "feature",
            "config", "setting", "param", "header", "locale", "language", "currency", "region", "zone", "bucket",
            "route", "path", "bean", "thread", "logger", "node", "cluster", "database", "room", "sala", "convenio",
            "insurance", "plano", "exam", "exame", "medication", "medicamento", "street", "rua", "bairro",
            "neighborhood");

    private static final Map<String, Kind> CLASSIFIED = new ConcurrentHashMap<>();

    static Kind classify(String key) {
        Kind kind = CLASSIFIED.get(key);
        if (kind == null) {
            kind = classifyUncached(key);
            if (CLASSIFIED.size() < 4096) { // keys of free-form maps must not grow this without end
                CLASSIFIED.put(key, kind);
            }
        }
        return kind;
    }

    private static Kind classifyUncached(String key) {
        List<String> words = words(key);
        if (words.isEmpty()) {
            return Kind.NONE;
        }
        String joined = String.join("", words);
        Kind exact = EXACT.get(joined);
        if (exact != null) {
            return exact;
        }
        if (NEUTRAL_LAST.contains(words.get(words.size() - 1))) {
            return Kind.NONE; // phone_number_id, document_type, email_verified_at
        }
        if (joined.contains("email")) {
            return Kind.EMAIL;
        }
        for (String word : PHONE_WORDS) {
            if (joined.contains(word)) {
                return Kind.PHONE;
            }
        }
        if (joined.contains("cpf") || joined.contains("document") || joined.contains("passport")
                || joined.contains("passaporte") || words.contains("rg") || words.contains("cns")
                || words.contains("rne")) {
            return Kind.DOCUMENT;
        }
        boolean named = joined.endsWith("name") || joined.endsWith("nome") || joined.endsWith("names")
                || words.contains("name") || words.contains("nome");
        if (named) {
            for (String word : words) {
                for (String thing : NOT_PEOPLE) {
                    if (word.startsWith(thing)) {
                        return Kind.NONE;
                    }
                }
            }
            return Kind.NAME;
        }
        return Kind.NONE;
    }

    /** "ProfileName" → [profile, name]; "remoteJidAlt" → [remote, jid, alt]; "wa_id" → [wa, id]. */
    private static List<String> words(String key) {
        List<String> words = new ArrayList<>(4);
        StringBuilder word = new StringBuilder();
        char previous = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(words, word);
            } else {
                if (Character.isUpperCase(c) && previous != 0 && Character.isLowerCase(previous)) {
                    flush(words, word);
                }
                word.append(Character.toLowerCase(c));
            }
            previous = c;
        }
        flush(words, word);
        return words;
    }

    private static void flush(List<String> words, StringBuilder word) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static String maskField(Kind kind, String value) {
        if (value == null || value.isBlank()) {
            return value;
        }
        switch (kind) {
            case NAME:
                return maskName(value);
            case EMAIL: {
                String trimmed = value.strip();
                if (EMAIL.matcher(trimmed).matches()) {
                    return maskEmail(trimmed);
                }
                return orGeneric(value);
            }
            case PHONE: {
                String phone = maskStrictPhone(value, true);
                return phone != null ? phone : orGeneric(value);
            }
            case DOCUMENT: {
                String trimmed = value.strip();
                if (CPF_SHAPED.matcher(trimmed).matches()) {
                    return maskCpf(trimmed);
                }
                return orGeneric(value);
            }
            case AMBIGUOUS: {
                String phone = maskStrictPhone(value, false);
                return phone != null ? phone : maskText(value);
            }
            default:
                return maskText(value);
        }
    }

    /** maskText, or when it finds nothing (the field says the value is personal), the generic mask. */
    private static String orGeneric(String value) {
        String masked = maskText(value);
        return masked.equals(value) ? maskGeneric(value) : masked;
    }

    /**
     * The value masked as a phone number when the whole value is one, else null. {@code national} allows numbers
     * without a country code (phone fields); without it (from, to…) a bare digit string counts only as a valid
     * international number of at least ten digits, so dates, epoch seconds and ids stay.
     */
    private static String maskStrictPhone(String value, boolean national) {
        String v = value.strip();
        int start = 0;
        String lower = v.length() > 9 ? v.substring(0, 9).toLowerCase(Locale.ROOT) : v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("whatsapp:")) {
            start = 9;
        } else if (lower.startsWith("tel:")) {
            start = 4;
        }
        int at = v.indexOf('@');
        boolean jid = false;
        int end = v.length();
        if (at >= 0) {
            String domain = v.substring(at + 1).toLowerCase(Locale.ROOT);
            if (!domain.equals("s.whatsapp.net") && !domain.equals("c.us")) {
                return null;
            }
            jid = true;
            end = at;
            int device = v.indexOf(':', start);
            if (device >= 0 && device < end) {
                end = device;
            }
        }
        String number = v.substring(start, end);
        boolean plus = number.startsWith("+");
        Optional<String> e164;
        String digits = digitsOf(number);
        if (plus || jid || start > 0) {
            e164 = PhoneNumbers.toE164(jid ? "+" + digits : number, national ? PhoneNumbers.DEFAULT_REGION : null);
        } else if (national) {
            e164 = PhoneNumbers.toE164(number);
        } else {
            boolean bare = !digits.isEmpty() && digits.length() == number.length();
            e164 = bare && digits.length() >= 10 && PhoneNumbers.isValidInternational(digits)
                    ? PhoneNumbers.toE164("+" + digits, null) : Optional.empty();
        }
        if (e164.isEmpty()) {
            return null;
        }
        String full = e164.get().substring(1);
        int cc = PhoneNumbers.callingCodeLength(full);
        boolean writtenWithCountryCode = plus || jid
                || (digits.startsWith(full.substring(0, cc)) && digits.length() >= full.length() - 1);
        int offset = value.indexOf(number);
        return value.substring(0, offset) + maskDigits(number, writtenWithCountryCode ? cc : 0)
                + value.substring(offset + number.length());
    }

    // ------------------------------------------------------------------------------------------------ masks

    /** Digits become '*' except the first {@code keepLeading} (the country code) and the last four. */
    static String maskDigits(String s, int keepLeading) {
        int total = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                total++;
            }
        }
        int keepTrailing = total >= 8 ? 4 : total >= 6 ? 2 : 0;
        if (total - keepLeading - keepTrailing < 4) {
            keepLeading = 0;
        }
        char[] chars = s.toCharArray();
        int index = 0;
        for (int i = 0; i < chars.length; i++) {
            if (Character.isDigit(chars[i])) {
                if (index >= keepLeading && index < total - keepTrailing) {
                    chars[i] = '*';
                }
                index++;
            }
        }
        return new String(chars);
    }

    /** maria.souza@gmail.com → ma***@gm***.com; ana@clinica.saude.com.br → a***@cl***.com.br. */
    static String maskEmail(String email) {
        int at = email.lastIndexOf('@');
        String local = email.substring(0, at);
        String[] labels = email.substring(at + 1).split("\\.");
        int n = labels.length;
        int suffixStart = n - 1;
        if (n >= 3 && labels[n - 1].length() == 2 && labels[n - 2].length() <= 3) {
            suffixStart = n - 2; // com.br, org.br, co.uk
        }
        StringBuilder out = new StringBuilder(24).append(prefix(local)).append("***@").append(prefix(labels[0]))
                .append("***");
        for (int i = suffixStart; i < n; i++) {
            out.append('.').append(labels[i]);
        }
        return out.toString();
    }

    private static String prefix(String s) {
        int keep = s.length() >= 4 ? 2 : 1;
        return s.substring(0, Math.min(keep, s.length()));
    }

    /** Any CPF shape → ***.***.***-DV (the check digits only). */
    static String maskCpf(String cpf) {
        String digits = digitsOf(cpf);
        return "***.***.***-" + digits.substring(digits.length() - 2);
    }

    /** Maria Souza → M*** S***. */
    static String maskName(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        int n = name.length();
        while (i < n) {
            int c = name.codePointAt(i);
            if (Character.isWhitespace(c) || c == '+') { // '+' is the space of form bodies
                out.appendCodePoint(c);
                i += Character.charCount(c);
                continue;
            }
            out.appendCodePoint(c).append("***");
            i += Character.charCount(c);
            while (i < n && !Character.isWhitespace(name.charAt(i)) && name.charAt(i) != '+') {
                i++;
            }
        }
        return out.toString();
    }

    /** Letters and digits become '*'; the last two stay when there are at least six. Suffixes like @lid stay. */
    static String maskGeneric(String value) {
        int at = value.indexOf('@');
        int end = at > 0 ? at : value.length();
        int total = 0;
        for (int i = 0; i < end; i++) {
            if (Character.isLetterOrDigit(value.charAt(i))) {
                total++;
            }
        }
        int keep = total >= 6 ? 2 : 0;
        char[] chars = value.toCharArray();
        int index = 0;
        for (int i = 0; i < end; i++) {
            if (Character.isLetterOrDigit(chars[i])) {
                if (index < total - keep) {
                    chars[i] = '*';
                }
                index++;
            }
        }
        return new String(chars);
    }

    static boolean isValidCpf(String digits) {
        if (digits.length() != 11 || digits.chars().distinct().count() == 1) {
            return false;
        }
        int first = checkDigit(digits, 9);
        return first == digits.charAt(9) - '0' && checkDigit(digits, 10) == digits.charAt(10) - '0';
    }

    private static int checkDigit(String digits, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (digits.charAt(i) - '0') * (length + 1 - i);
        }
        int rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }

    private static String digitsOf(String s) {
        StringBuilder digits = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
