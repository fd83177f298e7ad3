"""Compares conditions of HTS-EP runs across cells and sweep folders (the report compares within a cell only), as in
docs/figures/hts-stress.md's mechanism arm and net2 controls. Standard library only.

  python3 scripts/hts-compare.py SWEEP[,SWEEP...] 'BASE' 'OTHER' ['OTHER' ...]

BASE and each OTHER select runs by config.json values, key=value[;key=value] (keys as config.json writes them: tau,
lrScale, lrLikeDt, symmetric, beta, tNudged, preset, dataset; None for an absent value), e.g. 'tau=0.918;lrScale=1.0'.
One markdown row per selection: runs, failed (diverged or collapsed), two-sided Fisher exact p against BASE, mean and
sd of the final test accuracy (%) of the runs that did not fail, and OTHER - BASE with its bootstrap 95 % interval
(10,000 resamples, seed 1)."""
import json, os, sys, math, random

def load(dirs):
    out = []
    for d in dirs.split(','):
        for p in sorted(os.listdir(os.path.join(d, 'points'))):
            f = os.path.join(d, 'points', p)
            try:
                c = json.load(open(os.path.join(f, 'config.json'))); s = json.load(open(os.path.join(f, 'summary.json')))
            except Exception:
                continue
            if s.get('status') != 'finished': continue
            failed = bool(s.get('diverged')) or bool(s.get('collapsed'))
            out.append((c, failed, s.get('test_acc')))
    return out

def match(c, flt):
    for kv in flt.split(';'):
        k, v = kv.split('=', 1)
        if str(c.get(k)) != v: return False
    return True

def fisher(a, n1, b, n2):
    # two-sided Fisher exact test for failures a/n1 vs b/n2
    K, N = a + b, n1 + n2
    def pr(x): return math.comb(K, x) * math.comb(N - K, n1 - x) / math.comb(N, n1)
    p0 = pr(a)
    return min(1.0, sum(pr(x) for x in range(max(0, K - n2), min(K, n1) + 1) if pr(x) <= p0 * (1 + 1e-9)))

def boot(x, y, reps=10000):
    rng = random.Random(1); d = []
    for _ in range(reps):
        xs = [rng.choice(x) for _ in x]; ys = [rng.choice(y) for _ in y]
        d.append(sum(ys) / len(ys) - sum(xs) / len(xs))
    d.sort(); return d[int(0.025 * reps)], d[int(0.975 * reps) - 1]

recs = load(sys.argv[1])
groups = [(f, [r for r in recs if match(r[0], f)]) for f in sys.argv[2:]]
base_f, base = groups[0]
def stats(g):
    ok = [100 * r[2] for r in g if not r[1]]
    return sum(r[1] for r in g), len(g), ok
bf, bn, bok = stats(base)
sd = lambda v: (sum((a - sum(v)/len(v))**2 for a in v) / (len(v) - 1)) ** 0.5 if len(v) > 1 else float('nan')
print(f"| {base_f} | {bn} | {bf} | - | {sum(bok)/len(bok) if bok else float('nan'):.1f} | {sd(bok):.2f} | - |")
for f, g in groups[1:]:
    ff, fn, ok = stats(g)
    p = fisher(ff, fn, bf, bn)
    if ok and bok:
        lo, hi = boot(bok, ok); diff = sum(ok)/len(ok) - sum(bok)/len(bok)
        d = f"{diff:+.1f} ({lo:+.1f} to {hi:+.1f})"
    else: d = '-'
    print(f"| {f} | {fn} | {ff} | {p:.3g} | {sum(ok)/len(ok) if ok else float('nan'):.1f} | {sd(ok):.2f} | {d} |")
