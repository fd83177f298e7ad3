package org.taunet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The release files agree with each other: LICENSE, the POM's license, CITATION.cff's fields and references. */
class ReleaseFilesTest {
  @Test
  void licenseFileAndPomNameTheSameLicense() throws Exception {
    String license = Files.readString(Path.of("LICENSE"));
    assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004"), "LICENSE is Apache-2.0");
    String pom = Files.readString(Path.of("pom.xml"));
    assertTrue(pom.contains("<name>Apache-2.0</name>"), "pom.xml declares Apache-2.0");
    assertTrue(Files.readString(Path.of("NOTICE")).contains("Apache License, Version 2.0"), "NOTICE names the license");
  }

  @Test
  void citationFileHasTheRequiredFieldsAndCompleteReferences() throws Exception {
    JsonNode cff = new ObjectMapper(new YAMLFactory()).readTree(Path.of("CITATION.cff").toFile());
    assertEquals("1.2.0", cff.path("cff-version").asText());
    for (String field : new String[] {"message", "title", "authors"}) assertFalse(cff.path(field).isMissingNode(), field);
    assertEquals("Apache-2.0", cff.path("license").asText());
    String pom = Files.readString(Path.of("pom.xml"));
    assertTrue(pom.contains("<version>" + cff.path("version").asText() + "</version>"), "CITATION.cff's version is the POM's");
    JsonNode refs = cff.path("references");
    assertTrue(refs.size() >= 2, "references: " + refs);
    for (JsonNode ref : refs) {
      assertFalse(ref.path("title").asText().isBlank(), "title of " + ref);
      assertFalse(ref.path("type").asText().isBlank(), "type of " + ref);
      assertTrue(ref.path("authors").size() > 0, "authors of " + ref);
      for (JsonNode a : ref.path("authors")) assertFalse(a.path("family-names").asText().isBlank(), "author of " + ref);
    }
  }
}
