package org.taunet.bench;

/** Multi-tau RNN BPTT training throughput (issue 6 workloads); filled in with the rnn package. */
public final class RnnBench {
  private RnnBench() {}

  /** Prints the RNN rows of {@code taunet bench}. */
  public static void printTable(int repeats) {
    System.out.println("\nRNN: not implemented yet");
  }
}
