package org.taunet.bench;

/** ELM network BPTT training throughput (issue 6 workloads); filled in with the elm package. */
public final class ElmBench {
  private ElmBench() {}

  /** Prints the ELM rows of {@code taunet bench}. */
  public static void printTable(int repeats) {
    System.out.println("\nELM: not implemented yet");
  }
}
