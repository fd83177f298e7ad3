package org.taunet.rnn;

/**
 * The per-step loss on the readout y (masked by the trial's weights m_t, normalised by their sum M):
 * MSE L = (1/M) sum m_t 1/2 ||y_t - target_t||^2; CROSS_ENTROPY L = -(1/M) sum m_t sum_o target_o log softmax(y_t)_o.
 */
public enum Loss { MSE, CROSS_ENTROPY }
