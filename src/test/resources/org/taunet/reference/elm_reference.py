"""Makes ELM neurons with the reference PyTorch code (../shared/reference/elmneuron), trains them a few steps on
random data, and writes each one's state_dict, a test input X [batch, T, inputs], its outputs Y [batch, T, outputs]
and the reference's trainable-parameter count to CASE.npz, for ReferenceElmTest.

usage: python3 elm_reference.py REFERENCE_DIR OUT_DIR"""
import json
import sys

import numpy as np
import torch

sys.path.insert(0, sys.argv[1])
from src.expressive_leaky_memory_neuron import ELM  # noqa: E402

CASES = {
    # Branch-ELM with the reference's NeuronIO routing (interlocked inputs, overlapping windows, masked padding)
    "branch": dict(num_input=26, num_output=3, num_memory=5, num_branch=4, num_synapse_per_branch=8,
                   input_to_synapse_routing="neuronio_routing", memory_tau_min=1.0, memory_tau_max=150.0,
                   lambda_value=5.0, tau_s_value=5.0, delta_t=1.0, mlp_hidden_size=7, mlp_activation="relu"),
    # the plain ELM neuron (one synapse per input), trained tau_m, SiLU, dt = 2 (ms)
    "plain": dict(num_input=9, num_output=4, num_memory=6, learn_memory_tau=True, memory_tau_min=2.0,
                  memory_tau_max=500.0, lambda_value=3.0, tau_s_value=4.0, delta_t=2.0, mlp_activation="silu"),
}

out_dir = sys.argv[2]
counts = {}
for name, kw in CASES.items():
    torch.manual_seed(1)
    model = ELM(**kw)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=0.05)
    for _ in range(5):  # a few steps, so the weights are not the initial ones (some w_s go below 0 -> relu)
        x = (torch.rand(4, 12, kw["num_input"]) < 0.2).float()
        loss = ((model(x) - torch.randn(4, 12, kw["num_output"])) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    X = (torch.rand(3, 20, kw["num_input"]) < 0.25).float()
    with torch.no_grad():
        Y = model(X)
    arrays = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    arrays["X"] = X.numpy()
    arrays["Y"] = Y.numpy()
    arrays["param_count"] = np.array(sum(p.numel() for p in model.parameters() if p.requires_grad))
    np.savez(f"{out_dir}/{name}.npz", **arrays)
    counts[name] = int(arrays["param_count"])
print(json.dumps(counts))
