package org.taunet.data.text;

/**
 * A byte-level text corpus split into train / valid / test streams (enwik8: the first 90M / 5M / 5M bytes).
 *
 * @param name corpus name, e.g. {@code enwik8} or {@code gcide}
 * @param train training bytes
 * @param valid validation bytes
 * @param test test bytes
 * @param note how the corpus was made or split, for run provenance
 */
public record TextCorpus(String name, byte[] train, byte[] valid, byte[] test, String note) {
  /** Vocabulary: all 256 byte values; a character-level model predicts the next byte. */
  public static final int VOCAB = 256;
}
