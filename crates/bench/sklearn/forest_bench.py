#!/usr/bin/env python3
"""Random forest fitting time: scikit-learn next to perplexed-core, interleaved in one run.

Usage (crates/bench/forest.sh does this):
    python3 forest_bench.py --ours PATH/TO/forest --data DATA.csv [--rounds 5] [--per-round 3]
                            [--json OUT.json]

Workload (issue #6): RandomForestClassifier(n_estimators=100, max_depth=8, n_jobs=1) with its
defaults otherwise (Gini, max_features="sqrt" -> 1 of 2 features, bootstrap=True), fitted to the
1,000 2-D points of DATA.csv (written by `forest --write-data`, so both sides fit the same f32
numbers). One timed unit is one .fit() call, measured with time.perf_counter() around it;
each fit uses random_state = its repeat index.

Interleaving: every round first times `per_round` scikit-learn fits (after one untimed warm-up
fit in the first round), then runs our binary, which times `per_round` fits of its own (after
one untimed warm-up fit) and prints them. Both sides therefore see the same machine load,
round by round. Reported: median, min and max over all rounds x per_round fits, and the ratio
of the medians (scikit-learn / ours: how many times faster ours is).
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier


def load(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float32)
    return data[:, :2], data[:, 2].astype(np.int64)


def sklearn_fit(x, y, seed):
    m = RandomForestClassifier(n_estimators=100, max_depth=8, n_jobs=1, oob_score=False, random_state=seed)
    t = time.perf_counter()
    m.fit(x, y)
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ours", required=True, help="path of the release `forest` binary")
    ap.add_argument("--data", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--per-round", type=int, default=3)
    ap.add_argument("--json")
    a = ap.parse_args()

    x, y = load(a.data)
    sk_times, our_times, our_oob, our_grid = [], [], [], []
    sklearn_fit(x, y, 10_000)  # warm-up: imports, first-call costs
    for r in range(a.rounds):
        for i in range(a.per_round):
            sk_times.append(sklearn_fit(x, y, r * a.per_round + i))
        out = subprocess.run(
            [a.ours, "--data", a.data, "--repeats", str(a.per_round), "--warmup", "1"],
            check=True, capture_output=True, text=True,
        ).stdout
        res = json.loads(out)
        our_times += res["seconds"]
        our_oob += res["oob_score"]
        our_grid.append(res["grid_100x100_seconds"])
        print(f"round {r + 1}/{a.rounds}: scikit-learn {statistics.median(sk_times[-a.per_round:]) * 1e3:.1f} ms, "
              f"ours {statistics.median(res['seconds']) * 1e3:.2f} ms", file=sys.stderr)

    # Same model? OOB accuracy of one scikit-learn forest next to ours (sanity, not timed).
    sk_oob = RandomForestClassifier(n_estimators=100, max_depth=8, n_jobs=1, oob_score=True, random_state=0).fit(x, y).oob_score_

    def summary(v):
        return {"median_ms": statistics.median(v) * 1e3, "min_ms": min(v) * 1e3, "max_ms": max(v) * 1e3, "repeats": len(v)}

    result = {
        "workload": "RandomForestClassifier(n_estimators=100, max_depth=8, n_jobs=1) on 1,000 2-D points",
        "points": int(len(y)),
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "python": platform.python_version(),
        "machine": {"nproc": os.cpu_count(), "platform": platform.platform()},
        "load_average_at_end": os.getloadavg(),
        "sklearn": summary(sk_times),
        "ours": summary(our_times),
        "ratio_sklearn_over_ours": statistics.median(sk_times) / statistics.median(our_times),
        "oob_score": {"sklearn_seed0": sk_oob, "ours_mean": float(np.mean(our_oob))},
        # Not compared: our class probabilities over the page's 100 x 100 heatmap grid.
        "ours_grid_100x100_median_ms": statistics.median(our_grid) * 1e3,
    }
    print(json.dumps(result, indent=1))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
