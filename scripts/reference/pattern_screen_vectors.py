#!/usr/bin/env python3
"""Reference vectors for src/engine/pipeline/patternScreen.ts (run: python3 scripts/reference/pattern_screen_vectors.py).

Writes test/fixtures/pipeline/pattern_screen_vectors.json. Computed independently of the TypeScript code:
each month's lift with the Agresti-Caffo variance, inverse-variance pooling over months, the mSPRT mixture
likelihood ratio by numerical integration (scipy.integrate.quad, not the closed form), the running minimum
of 1/Lambda over looks, and Holm's step-down adjustment written from its definition.
"""
import json
import math
import os

from scipy import integrate, stats

TAU, ALPHA = 0.1, 0.05


def mixture_lr(est, var, tau2):
    f = lambda th: math.exp(stats.norm.logpdf(est, th, math.sqrt(var)) - stats.norm.logpdf(est, 0.0, math.sqrt(var))) * stats.norm.pdf(th, 0.0, math.sqrt(tau2))
    centre = est * tau2 / (tau2 + var)
    s = math.sqrt(tau2)
    val, _ = integrate.quad(f, centre - 40 * s, centre + 40 * s, points=[centre], epsabs=0, epsrel=1e-13, limit=500)
    return val


def holm(ps):
    m = len(ps)
    order = sorted(range(m), key=lambda i: (ps[i], i))
    out, running = [0.0] * m, 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * ps[i]))
        out[i] = running
    return out


# Three cells over three monthly looks: (successes, calls) of the move and of the situation's ordinary moves.
# A strong move, a rare move seen a few times a month, and a null move with a chance lead in month 1.
looks = [
    {"a|x|strong": (120, 150, 300, 600), "a|x|rare": (5, 5, 280, 560), "a|y|null": (70, 120, 110, 240)},
    {"a|x|strong": (130, 160, 290, 590), "a|x|rare": (4, 5, 300, 580), "a|y|null": (55, 118, 125, 241)},
    {"a|x|strong": (118, 150, 310, 610), "a|x|rare": (6, 7, 290, 570), "a|y|null": (60, 121, 118, 239)},
]
state = {}
expected = []
for month in looks:
    for key, (s, n, s0, n0) in month.items():
        p, p0 = (s + 1) / (n + 2), (s0 + 1) / (n0 + 2)
        lift = s / n - s0 / n0
        var = p * (1 - p) / (n + 2) + p0 * (1 - p0) / (n0 + 2)
        c = state.setdefault(key, {"wl": 0.0, "w": 0.0, "pmin": 1.0, "support": 0})
        c["wl"] += lift / var
        c["w"] += 1 / var
        c["support"] += n
        lam = mixture_lr(c["wl"] / c["w"], 1 / c["w"], TAU**2)
        c["pmin"] = min(c["pmin"], min(1.0, 1 / lam))
    keys = list(state)
    adj = holm([state[k]["pmin"] for k in keys])
    expected.append([{"key": k, "lift": state[k]["wl"] / state[k]["w"], "variance": 1 / state[k]["w"], "support": state[k]["support"],
                      "alwaysValidP": state[k]["pmin"], "adjustedP": adj[i], "significant": adj[i] < ALPHA} for i, k in enumerate(keys)])

out = {"generator": "scripts/reference/pattern_screen_vectors.py", "scipy": __import__("scipy").__version__, "tau": TAU, "alpha": ALPHA,
       "looks": [[{"key": k, "s": v[0], "n": v[1], "s0": v[2], "n0": v[3]} for k, v in m.items()] for m in looks], "expected": expected}
path = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "pipeline", "pattern_screen_vectors.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", path)
