"""A rate RNN written in PyTorch from docs/rnn.md's equations (forward Euler, tanh):
x_t = x_{t-1} + (dt / tau) * (W r_{t-1} + Win u_t + b - x_{t-1}),  r_t = tanh(x_t),  y_t = Wout r_t + bout,  x_0 = 0,
trained a few steps on random data; writes its parameters under taunet's export names (W, Win, b, Wout, bout, tau)
to weights.npz and a test input U [batch, T, nIn] with its outputs Y [batch, T, nOut] to io.npz, for ReferenceRnnTest.

usage: python3 rnn_reference.py OUT_DIR N N_IN N_OUT DT_S"""
import sys

import numpy as np
import torch

out_dir, n, n_in, n_out, dt = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])


class RateRnn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        g = torch.Generator().manual_seed(3)
        self.W = torch.nn.Parameter(torch.randn(n, n, generator=g) / n ** 0.5)
        self.Win = torch.nn.Parameter(torch.randn(n, n_in, generator=g) / n_in ** 0.5)
        self.b = torch.nn.Parameter(torch.zeros(n))
        self.Wout = torch.nn.Parameter(torch.randn(n_out, n, generator=g) / n ** 0.5)
        self.bout = torch.nn.Parameter(torch.zeros(n_out))
        self.register_buffer("tau", 0.1 + 1.8 * torch.rand(n, generator=g))  # s, uniform(0.1, 1.9)

    def forward(self, u):
        x = torch.zeros(u.shape[0], n)
        r = torch.tanh(x)
        a = dt / self.tau
        ys = []
        for t in range(u.shape[1]):
            x = x + a * (r @ self.W.T + u[:, t] @ self.Win.T + self.b - x)
            r = torch.tanh(x)
            ys.append(r @ self.Wout.T + self.bout)
        return torch.stack(ys, dim=1)


torch.manual_seed(4)
model = RateRnn()
opt = torch.optim.Adam(model.parameters(), lr=0.02)
for _ in range(5):
    u = torch.randn(4, 15, n_in)
    loss = ((model(u) - torch.randn(4, 15, n_out)) ** 2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
U = torch.randn(3, 25, n_in)
with torch.no_grad():
    Y = model(U)
np.savez(f"{out_dir}/weights.npz", **{k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()})
np.savez(f"{out_dir}/io.npz", U=U.numpy(), Y=Y.numpy())
print("ok")
