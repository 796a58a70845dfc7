package io.ponte.contact;

import java.util.Map;
import java.util.UUID;

/** One person as Ponte knows them: normalised identifiers and each external system's id for them. */
public record Contact(UUID id, String name, String email, String phone, String cpf, Map<String, String> links) {}
