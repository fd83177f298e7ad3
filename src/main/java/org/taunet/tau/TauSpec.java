package org.taunet.tau;

/** Parses compact command-line specs such as {@code normal:mean=0.5,sd=0.1,min=0.05,max=1}. */
public final class TauSpec {
  private TauSpec() {}

  public static TauDistribution parse(String spec) {
    throw new UnsupportedOperationException("TODO: " + spec);
  }
}
