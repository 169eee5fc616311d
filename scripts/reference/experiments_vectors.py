#!/usr/bin/env python3
"""Reference vectors for src/engine/experiments/stats (run: python3 scripts/reference/experiments_vectors.py).

Writes test/fixtures/experiments/reference_vectors.json. Every value is computed with scipy/numpy,
independently of the TypeScript code: library tests where scipy has them (ttest_ind, chisquare,
false_discovery_control), numerical integration (scipy.integrate.quad) for the mSPRT mixture and the
Bayesian integrals, and textbook formulas evaluated with scipy's distributions elsewhere.
"""
import json
import math
import os

import numpy as np
from scipy import integrate, stats
from scipy.special import betaln

ALPHA = 0.05
out = {"generator": "scripts/reference/experiments_vectors.py", "scipy": __import__("scipy").__version__}


def rel_ci(c, t, var_c, var_t, crit):
    lift = t / c - 1
    se = math.sqrt(var_t / c**2 + t**2 * var_c / c**4)
    return lift, [lift - crit * se, lift + crit * se]


# ---- pooled two-proportion z-test ------------------------------------------------------------
ztests = []
for (n1, x1, n2, x2, alpha) in [
    (1000, 100, 1000, 130, 0.05),
    (5000, 600, 5200, 580, 0.05),
    (240, 31, 260, 45, 0.10),
    (100000, 20000, 100000, 20400, 0.05),
    (37, 3, 41, 9, 0.01),
    (1200, 0, 1300, 4, 0.05),
]:
    p1, p2 = x1 / n1, x2 / n2
    pp = (x1 + x2) / (n1 + n2)
    se0 = math.sqrt(pp * (1 - pp) * (1 / n1 + 1 / n2))
    z = (p2 - p1) / se0
    p = 2 * stats.norm.sf(abs(z))
    v1, v2 = p1 * (1 - p1) / n1, p2 * (1 - p2) / n2
    se = math.sqrt(v1 + v2)
    crit = stats.norm.ppf(1 - alpha / 2)
    lift, rci = rel_ci(p1, p2, v1, v2, crit) if p1 > 0 else (None, None)
    ztests.append({
        "input": {"control": {"users": n1, "conversions": x1}, "treatment": {"users": n2, "conversions": x2}, "alpha": alpha},
        "expected": {"statistic": z, "pValue": p, "absoluteLift": p2 - p1, "absoluteCi": [p2 - p1 - crit * se, p2 - p1 + crit * se],
                     "relativeLift": lift, "relativeCi": rci},
    })
out["twoProportionZTest"] = ztests

# ---- Welch's t-test ----------------------------------------------------------------------------
welch = []
for (n1, m1, s1, n2, m2, s2, alpha) in [
    (50, 300.0, 80.0, 55, 270.0, 95.0, 0.05),
    (12, 4.1, 0.9, 9, 4.6, 1.6, 0.05),
    (2000, 3.9, 1.1, 2100, 3.95, 1.05, 0.05),
    (5, 10.0, 2.0, 7, 14.0, 6.0, 0.10),
    (300, 182.5, 40.0, 280, 180.0, 70.0, 0.01),
]:
    r = stats.ttest_ind_from_stats(m2, s2, n2, m1, s1, n1, equal_var=False)
    a, b = s1**2 / n1, s2**2 / n2
    df = (a + b) ** 2 / (a**2 / (n1 - 1) + b**2 / (n2 - 1))
    se = math.sqrt(a + b)
    crit = stats.t.ppf(1 - alpha / 2, df)
    lift, rci = rel_ci(m1, m2, a, b, crit)
    welch.append({
        "input": {"control": {"n": n1, "mean": m1, "sd": s1}, "treatment": {"n": n2, "mean": m2, "sd": s2}, "alpha": alpha},
        "expected": {"statistic": float(r.statistic), "pValue": float(r.pvalue), "df": df, "absoluteLift": m2 - m1,
                     "absoluteCi": [m2 - m1 - crit * se, m2 - m1 + crit * se], "relativeLift": lift, "relativeCi": rci},
    })
# cross-check df and interval against scipy's own raw-data Welch test
rng = np.random.default_rng(7)
ya, yb = rng.normal(10, 2, 23), rng.normal(11, 4, 31)
rr = stats.ttest_ind(yb, ya, equal_var=False)
ci = rr.confidence_interval(0.95)
welch_raw = {"control": ya.tolist(), "treatment": yb.tolist(),
             "expected": {"statistic": float(rr.statistic), "pValue": float(rr.pvalue), "df": float(rr.df), "absoluteCi": [float(ci.low), float(ci.high)]}}
out["welchTTest"] = welch
out["welchRaw"] = welch_raw

# ---- SRM chi-square ----------------------------------------------------------------------------
srm = []
for obs, w in [([5000, 5000], [1, 1]), ([5100, 4900], [1, 1]), ([5300, 4700], [50, 50]), ([1010, 2050, 2940], [1, 2, 3]),
               ([821, 1000], [0.45, 0.55]), ([100, 140, 90, 120], [1, 1, 1, 1])]:
    f_exp = np.array(w, float) / sum(w) * sum(obs)
    r = stats.chisquare(obs, f_exp)
    srm.append({"input": {"observed": obs, "weights": w}, "expected": {"chiSquare": float(r.statistic), "pValue": float(r.pvalue)}})
out["srm"] = srm

# ---- Holm and Benjamini–Hochberg -------------------------------------------------------------
def holm(ps):
    ps = np.asarray(ps, float)
    m = len(ps)
    order = np.argsort(ps, kind="stable")
    adj = np.empty(m)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * ps[i]))
        adj[i] = running
    return adj.tolist()

mt = []
for ps in [[0.01, 0.04, 0.03, 0.005], [0.2, 0.001], [0.049, 0.051, 0.5, 0.0001, 0.02, 0.03], [0.8], [0.03, 0.03, 0.03]]:
    mt.append({"input": ps, "holm": holm(ps), "bh": stats.false_discovery_control(ps, method="bh").tolist()})
out["multipleTesting"] = mt

# ---- mSPRT (normal mixture) ------------------------------------------------------------------
def msprt_quad(est, var, tau2, theta0=0.0):
    # Λ = ∫ N(est; θ, V) / N(est; θ0, V) dN(θ; θ0, τ²): integrated numerically, not the closed form.
    f = lambda th: math.exp(stats.norm.logpdf(est, th, math.sqrt(var)) - stats.norm.logpdf(est, theta0, math.sqrt(var))) * stats.norm.pdf(th, theta0, math.sqrt(tau2))
    s = math.sqrt(tau2)
    centre = (est * tau2 + theta0 * var) / (tau2 + var)
    val, _ = integrate.quad(f, centre - 40 * s, centre + 40 * s, points=[centre], epsabs=0, epsrel=1e-13, limit=500)
    return val

ms = []
for est, var, tau2, alpha in [(0.01, 1e-4, 4e-4, 0.05), (0.03, 1e-4, 4e-4, 0.05), (-0.02, 5e-5, 1e-4, 0.05), (0.0, 2e-4, 1e-3, 0.05),
                              (2.5, 1.0, 4.0, 0.10), (0.004, 4e-6, 1e-4, 0.05)]:
    lam = msprt_quad(est, var, tau2)
    half = math.sqrt(var * (var + tau2) / tau2 * (math.log((var + tau2) / var) + 2 * math.log(1 / alpha)))
    # the CI bound is where Λ(θ0 = bound) = 1/α: verify the closed form numerically by root-finding on the quad
    lo_root = __import__("scipy.optimize", fromlist=["brentq"]).brentq(lambda t0: math.log(msprt_quad(est, var, tau2, t0)) - math.log(1 / alpha), est - 10 * half, est - 1e-9 * half - 1e-15, xtol=1e-14)
    ms.append({"input": {"estimate": est, "variance": var, "tau2": tau2, "alpha": alpha},
               "expected": {"logLikelihoodRatio": math.log(lam), "pValueThisLook": min(1.0, 1 / lam), "ci": [est - half, est + half], "ciLowerByRoot": lo_root}})
out["msprt"] = ms

# ---- Bayesian Beta-Binomial ----------------------------------------------------------------
def p_greater(x, y):
    # P(Y > X) = ∫ f_X(v) (1 − F_Y(v)) dv
    lo = max(0, min(stats.beta.ppf(1e-15, *x), stats.beta.ppf(1e-15, *y)))
    hi = min(1, max(stats.beta.isf(1e-15, *x), stats.beta.isf(1e-15, *y)))
    pts = [stats.beta.mean(*x), stats.beta.mean(*y)]
    v, _ = integrate.quad(lambda u: stats.beta.pdf(u, *x) * stats.beta.sf(u, *y), lo, hi, points=pts, epsabs=1e-14, epsrel=1e-12, limit=1000)
    return v

def shortfall(x, y):
    # E[max(X − Y, 0)] as a double integral done as ∫ f_Y(c) ∫_c^1 (u − c) f_X(u) du dc, inner part by quad too
    lo = max(0, min(stats.beta.ppf(1e-15, *x), stats.beta.ppf(1e-15, *y)))
    hi = min(1, max(stats.beta.isf(1e-15, *x), stats.beta.isf(1e-15, *y)))
    pts = [stats.beta.mean(*x), stats.beta.mean(*y)]
    # the inner integral runs over X's own bulk, with a breakpoint at its mean, so quad never misses a narrow peak
    xlo, xhi, xm = stats.beta.ppf(1e-15, *x), stats.beta.isf(1e-15, *x), stats.beta.mean(*x)
    def inner(c):
        a = max(c, xlo)
        if a >= xhi:
            return 0.0
        v, _ = integrate.quad(lambda u: (u - c) * stats.beta.pdf(u, *x), a, xhi, points=[xm] if a < xm < xhi else None, epsabs=1e-15, epsrel=1e-12, limit=500)
        return v
    v, _ = integrate.quad(lambda c: stats.beta.pdf(c, *y) * inner(c), lo, hi, points=pts, epsabs=1e-14, epsrel=1e-10, limit=1000)
    return v

def miller_closed_form(x, y):
    # Evan Miller's exact sum for integer parameters: P(Y > X)
    ay, by = y
    ax, bx = x
    return sum(math.exp(betaln(ax + i, bx + by) - math.log(by + i) - betaln(1 + i, by) - betaln(ax, bx)) for i in range(int(ay)))

bay = []
for n1, x1, n2, x2, prior in [(1000, 100, 1000, 120, (1, 1)), (200, 30, 210, 29, (1, 1)), (50, 5, 60, 12, (2, 8)),
                              (20000, 4000, 20000, 4100, (1, 1)), (300, 0, 300, 3, (1, 1)), (80, 70, 900, 810, (1, 1)),
                              (30, 3, 50000, 5200, (1, 1)), (5, 0, 7, 1, (1, 1)), (40000, 39000, 60, 59, (1, 1))]:
    c = (prior[0] + x1, prior[1] + n1 - x1)
    t = (prior[0] + x2, prior[1] + n2 - x2)
    ctb = p_greater(c, t)
    entry = {"input": {"control": {"users": n1, "conversions": x1}, "treatment": {"users": n2, "conversions": x2}, "prior": {"alpha": prior[0], "beta": prior[1]}},
             "expected": {"chanceToBeatControl": ctb, "expectedLossTreatment": shortfall(c, t), "expectedLossControl": shortfall(t, c)}}
    if t[0] < 5000:
        cf = miller_closed_form(c, t)
        assert abs(cf - ctb) < 1e-8, (cf, ctb)
        entry["closedForm"] = cf
    bay.append(entry)
out["bayes"] = bay

# ---- power / sample size / MDE ----------------------------------------------------------------
def bin_sig(p1, p2, k):
    pbar = (p1 + k * p2) / (1 + k)
    return math.sqrt(pbar * (1 - pbar) * (1 + 1 / k)), math.sqrt(p1 * (1 - p1) + p2 * (1 - p2) / k)

def bin_power(p1, d, n, k, a):
    s0, s1 = bin_sig(p1, p1 + d, k)
    z = stats.norm.ppf(1 - a / 2)
    return stats.norm.cdf((abs(d) * math.sqrt(n) - z * s0) / s1) + stats.norm.cdf((-abs(d) * math.sqrt(n) - z * s0) / s1)

from scipy.optimize import brentq
pw = {"binaryPower": [], "binarySampleSize": [], "binaryMde": [], "continuousPower": [], "continuousSampleSize": [], "continuousMde": []}
for p1, d, n, k, a in [(0.1, 0.02, 3000, 1, 0.05), (0.3, -0.03, 1500, 1, 0.05), (0.05, 0.01, 10000, 2, 0.01), (0.5, 0.05, 400, 0.5, 0.1)]:
    pw["binaryPower"].append({"input": {"baseline": p1, "effect": d, "nControl": n, "ratio": k, "alpha": a}, "expected": bin_power(p1, d, n, k, a)})
for p1, d, power, k, a in [(0.1, 0.02, 0.8, 1, 0.05), (0.3, -0.03, 0.9, 1, 0.05), (0.05, 0.01, 0.8, 2, 0.01), (0.6, 0.1, 0.95, 1, 0.05)]:
    s0, s1 = bin_sig(p1, p1 + d, k)
    n = ((stats.norm.ppf(1 - a / 2) * s0 + stats.norm.ppf(power) * s1) / d) ** 2
    c = math.ceil(n)
    pw["binarySampleSize"].append({"input": {"baseline": p1, "effect": d, "power": power, "ratio": k, "alpha": a}, "expected": {"control": c, "treatment": math.ceil(c * k)}})
for p1, n, power, k, a in [(0.1, 3000, 0.8, 1, 0.05), (0.3, 20000, 0.9, 1, 0.05), (0.02, 50000, 0.8, 3, 0.05)]:
    mde = brentq(lambda d: bin_power(p1, d, n, k, a) - power, 1e-9, 1 - p1 - 1e-9, xtol=1e-15)
    pw["binaryMde"].append({"input": {"baseline": p1, "nControl": n, "power": power, "ratio": k, "alpha": a}, "expected": mde})
for sd, sdt, d, n, k, a in [(60.0, 60.0, 5.0, 1000, 1, 0.05), (1.2, 1.5, 0.1, 800, 1.5, 0.05), (30.0, 25.0, -4.0, 200, 1, 0.1)]:
    s = math.sqrt(sd**2 + sdt**2 / k)
    z = stats.norm.ppf(1 - a / 2)
    dd = abs(d) * math.sqrt(n) / s
    pw["continuousPower"].append({"input": {"sd": sd, "sdTreatment": sdt, "effect": d, "nControl": n, "ratio": k, "alpha": a}, "expected": stats.norm.cdf(dd - z) + stats.norm.cdf(-dd - z)})
    n_req = ((z + stats.norm.ppf(0.8)) * s / d) ** 2
    c = math.ceil(n_req)
    pw["continuousSampleSize"].append({"input": {"sd": sd, "sdTreatment": sdt, "effect": d, "power": 0.8, "ratio": k, "alpha": a}, "expected": {"control": c, "treatment": math.ceil(c * k)}})
    pw["continuousMde"].append({"input": {"sd": sd, "sdTreatment": sdt, "nControl": n, "power": 0.8, "ratio": k, "alpha": a}, "expected": (z + stats.norm.ppf(0.8)) * s / math.sqrt(n)})
out["power"] = pw

# ---- CUPED ------------------------------------------------------------------------------------
rng = np.random.default_rng(2024)
def arm(n, effect):
    x = rng.gamma(4.0, 50.0, n)               # pre-period handle time
    y = 0.8 * x + rng.normal(40 + effect, 35, n)
    return np.round(x, 3), np.round(y, 3)
xc, yc = arm(60, 0.0)
xt, yt = arm(70, -15.0)
X = np.concatenate([xc, xt]); Y = np.concatenate([yc, yt])
theta = np.cov(X, Y, ddof=1)[0, 1] / np.var(X, ddof=1)
adj_c = yc - theta * (xc - X.mean()); adj_t = yt - theta * (xt - X.mean())
r = stats.ttest_ind(adj_t, adj_c, equal_var=False)
ci = r.confidence_interval(0.95)
out["cuped"] = {"input": {"control": {"y": yc.tolist(), "x": xc.tolist()}, "treatment": {"y": yt.tolist(), "x": xt.tolist()}},
                "expected": {"theta": float(theta), "varianceReduction": float(1 - np.var(np.concatenate([adj_c, adj_t]), ddof=1) / np.var(Y, ddof=1)),
                             "controlMean": float(adj_c.mean()), "treatmentMean": float(adj_t.mean()),
                             "statistic": float(r.statistic), "pValue": float(r.pvalue), "df": float(r.df), "absoluteCi": [float(ci.low), float(ci.high)]}}

# ---- ratio metric (delta method) -----------------------------------------------------------
rng = np.random.default_rng(99)
def ratio_arm(n, rate):
    den = rng.integers(1, 8, n).astype(float)          # calls per caller
    num = rng.binomial(den.astype(int), rate).astype(float)  # escalations per caller
    return num, den
nc, dc = ratio_arm(150, 0.2)
nt, dt = ratio_arm(160, 0.15)
def ratio_summary(num, den):
    my, mx = num.mean(), den.mean()
    vy, vx = num.var(ddof=1), den.var(ddof=1)
    cov = np.cov(num, den, ddof=1)[0, 1]
    R = my / mx
    return R, (vy - 2 * R * cov + R**2 * vx) / (len(num) * mx**2)
Rc, Vc = ratio_summary(nc, dc)
Rt, Vt = ratio_summary(nt, dt)
se = math.sqrt(Vc + Vt)
z = (Rt - Rc) / se
crit = stats.norm.ppf(0.975)
lift, rci = rel_ci(Rc, Rt, Vc, Vt, crit)
out["ratio"] = {"input": {"control": {"numerator": nc.tolist(), "denominator": dc.tolist()}, "treatment": {"numerator": nt.tolist(), "denominator": dt.tolist()}},
                "expected": {"controlRatio": Rc, "controlVariance": Vc, "treatmentRatio": Rt, "treatmentVariance": Vt, "statistic": z,
                             "pValue": 2 * stats.norm.sf(abs(z)), "absoluteCi": [Rt - Rc - crit * se, Rt - Rc + crit * se], "relativeLift": lift, "relativeCi": rci}}

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(root, "test", "fixtures", "experiments")

# ---- expected output of `kaizen experiment analyze --summary` on the two CLI fixtures -----------
def summary_expected():
    res = {}
    b = json.load(open(os.path.join(FIX, "summary_binary.json")))
    (c, t) = b["variants"]
    n1, x1, n2, x2 = c["users"], c["conversions"], t["users"], t["conversions"]
    p1, p2 = x1 / n1, x2 / n2
    pp = (x1 + x2) / (n1 + n2)
    z = (p2 - p1) / math.sqrt(pp * (1 - pp) * (1 / n1 + 1 / n2))
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    k = stats.norm.ppf(0.975)
    res["binary"] = {"pValue": 2 * stats.norm.sf(abs(z)), "lift": p2 - p1, "ci": [p2 - p1 - k * se, p2 - p1 + k * se],
                     "srmPValue": float(stats.chisquare([n1, n2], np.array(b["expectedSplit"]) / sum(b["expectedSplit"]) * (n1 + n2)).pvalue)}
    cfile = json.load(open(os.path.join(FIX, "summary_continuous.json")))
    ctrl, *tests = cfile["variants"]
    ps, cis = [], []
    for v in tests:
        r = stats.ttest_ind_from_stats(v["mean"], v["sd"], v["n"], ctrl["mean"], ctrl["sd"], ctrl["n"], equal_var=False)
        a, bb = ctrl["sd"] ** 2 / ctrl["n"], v["sd"] ** 2 / v["n"]
        df = (a + bb) ** 2 / (a * a / (ctrl["n"] - 1) + bb * bb / (v["n"] - 1))
        kk = stats.t.ppf(0.975, df)
        d = v["mean"] - ctrl["mean"]
        ps.append(float(r.pvalue))
        cis.append([d - kk * math.sqrt(a + bb), d + kk * math.sqrt(a + bb)])
    counts = [v["n"] for v in cfile["variants"]]
    w = np.array(cfile["expectedSplit"], float)
    res["continuous"] = {"pValues": ps, "pValuesAdjusted": holm(ps), "ci": cis,
                         "srmPValue": float(stats.chisquare(counts, w / w.sum() * sum(counts)).pvalue)}
    with open(os.path.join(FIX, "summary_expected.json"), "w") as fh:
        json.dump(res, fh, indent=1)
        fh.write("\n")

summary_expected()
path = os.path.join(FIX, "reference_vectors.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
print(f"wrote {path}")
