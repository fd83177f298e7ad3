package org.taunet.data.text;

import java.io.IOException;
import java.nio.file.Path;

/** Loads the character-level corpora by name: enwik8 and gcide (the text in DATA_DIR/text). */
public final class TextCorpora {
  private TextCorpora() {}

  /** Corpus names {@link #load} accepts. */
  public static final String[] NAMES = {"enwik8", "gcide"};

  /** Loads corpus {@code name} from {@code dataDir} split into train / valid / test bytes. */
  public static TextCorpus load(String name, Path dataDir) throws IOException {
    throw new UnsupportedOperationException("text corpora are not implemented yet: " + name);
  }
}
