#!/usr/bin/python3
"""Cross-check hnd-gate's `dissect --activations` against the independent Python reference
(hnd_reference.py) on small, awkward, seeded dictionaries and activation files.

    /usr/bin/python3 tests/reference/crosscheck.py            # all cases
    /usr/bin/python3 tests/reference/crosscheck.py --quick    # a few cases
    /usr/bin/python3 tests/reference/crosscheck.py --case 3   # one case, verbose

Exit status 0 when every compared quantity agrees, 1 otherwise.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
from collections import defaultdict

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hnd_reference as ref  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DLL = os.path.join(REPO, "src", "Tool", "bin", "Release", "net10.0", "hnd-gate.dll")
WORK = os.environ.get("HND_XCHECK_DIR", "/tmp/hnd-crosscheck")

# --------------------------------------------------------------------------------------------------
# Dictionary builder (Format B)
# --------------------------------------------------------------------------------------------------

CONCEPTS_V0 = [
    ("eyeA", "part", "eye"), ("eyeB", "attribute", "eye"), ("eyeC", "action_unit", "eye"),
    ("nose_p", "part", "nose"), ("nose_empty", "attribute", "nose"),           # nose_empty: no images
    ("mouth_p", "part", "mouth"), ("Smiling", "attribute", "mouth"), ("AU_12", "action_unit", "mouth"),
    ("AU_26", "action_unit", "chin"),
    ("fh_empty", "attribute", "forehead"),                                        # a region with no images
]
# variant 1: a concept without images listed first (R4 ties -> first listed, R7 K_r = 0)
CONCEPTS_V1 = [("zz_empty", "part", "crown")] + [c for c in CONCEPTS_V0 if c[0] != "fh_empty"]
EMPTY = {"nose_empty", "fh_empty", "zz_empty"}

SIZES = [(13, 9), (16, 16), (7, 11), (20, 5), (9, 9), (31, 17), (4, 6)]   # (width, height), non-square


def _mask_array(rng, H, W):
    """8-bit mask values with awkward levels around the 127/128 boundary."""
    kind = rng.integers(0, 3)
    a = np.zeros((H, W), dtype=np.uint8)
    if kind == 0:     # rectangle filled with >127 values, holes of 127
        y0, y1 = sorted(rng.integers(0, H + 1, 2))
        x0, x1 = sorted(rng.integers(0, W + 1, 2))
        y1, x1 = max(y1, y0 + 1), max(x1, x0 + 1)
        a[y0:y1, x0:x1] = rng.choice([128, 129, 200, 255], size=(min(y1, H) - y0, min(x1, W) - x0))
        holes = rng.random((H, W)) < 0.15
        a[holes] = rng.choice([126, 127], size=int(holes.sum()))
    elif kind == 1:   # ellipse
        cy, cx = rng.random() * H, rng.random() * W
        ry, rx = 0.5 + rng.random() * H / 2, 0.5 + rng.random() * W / 2
        yy, xx = np.mgrid[0:H, 0:W]
        inside = ((yy + 0.5 - cy) / ry) ** 2 + ((xx + 0.5 - cx) / rx) ** 2 <= 1
        a[inside] = 128
        a[~inside] = rng.choice([0, 127], size=int((~inside).sum()))
    else:             # salt-and-pepper: sensitive to the nearest-neighbour convention
        a = rng.choice(np.array([0, 127, 128, 255], dtype=np.uint8), size=(H, W))
    return a


def _save_mask(rng, a, path):
    mode = rng.integers(0, 3)
    if mode == 0:
        Image.fromarray(a, "L").save(path)
    elif mode == 1:
        Image.fromarray(np.stack([a, a, a], axis=2), "RGB").save(path)   # RGB black/white (equal channels)
    else:
        Image.fromarray(a > 127).convert("1").save(path)                  # 1-bit PNG
    return mode


def build_dictionary(root, seed, variant=0, n_local=None):
    rng = np.random.default_rng(seed)
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(root)
    concepts = CONCEPTS_V0 if variant == 0 else CONCEPTS_V1
    usable = [c[0] for c in concepts if c[0] not in EMPTY]
    N = n_local or int(rng.integers(10, 25))
    local = []
    for i in range(N):
        W, H = SIZES[rng.integers(0, len(SIZES))]
        d = f"local/{i:03d}"
        os.makedirs(os.path.join(root, d))
        img = (rng.random((H, W, 3)) * 255).astype(np.uint8)
        Image.fromarray(img, "RGB").save(os.path.join(root, d, "original.png"))
        nc = int(rng.integers(1, 5))
        cs = list(rng.choice(usable, size=nc, replace=False))
        masks = []
        for c in cs:
            a = _mask_array(rng, H, W)
            _save_mask(rng, a, os.path.join(root, d, c + ".png"))
            masks.append({"concept": str(c), "mask": f"{d}/{c}.png"})
        local.append({"image": f"{d}/original.png", "masks": masks})
    # names whose ordinal order differs from natural/case-insensitive order
    names = ["img10.png", "img2.png", "B.png", "a.png", "Img1.png", "_x.png", "z.png"]
    fams = [("g2", None, ["a", "b"]), ("g4", None, ["s0", "s1", "s2", "s3"]),
            ("g3", None, ["p", "q", "r"]), ("g2t", 0.6, ["yes", "no"])]
    glob = []
    for fi, (fam, th, subs) in enumerate(fams):
        sl = []
        for si, s in enumerate(subs):
            k = int(rng.integers(1, 6))
            chosen = sorted(rng.choice(names, size=k, replace=False).tolist(),
                            key=lambda p: p.encode("utf-16-be"))
            d = f"global/{fam}/{s}"
            os.makedirs(os.path.join(root, d))
            for nme in chosen:
                W, H = SIZES[rng.integers(0, len(SIZES))]
                Image.fromarray((rng.random((H, W, 3)) * 255).astype(np.uint8), "RGB").save(os.path.join(root, d, nme))
            if (fi + si) % 2 == 0:
                sl.append({"name": s, "glob": f"{d}/*.png"})
            else:
                sl.append({"name": s, "images": [f"{d}/{n}" for n in chosen]})
        e = {"family": fam, "subgroups": sl}
        if th is not None:
            e["threshold"] = th
        glob.append(e)
    man = {"format": "hnd-dictionary", "version": 1,
           "concepts": [{"name": n, "type": t, "region": r} for n, t, r in concepts],
           "local": local, "global": glob,
           "source": {"generator": "crosscheck.py", "seed": int(seed)}}
    with open(os.path.join(root, "hnd-dictionary.json"), "w") as f:
        json.dump(man, f, indent=1)
    return ref.load_dictionary(root)


# --------------------------------------------------------------------------------------------------
# Activations
# --------------------------------------------------------------------------------------------------

def _area_down(m, h, w):
    """Fraction of mask pixels falling in each of h x w cells (rough, only to make aligned units)."""
    H, W = m.shape
    out = np.zeros((h, w))
    for y in range(h):
        for x in range(w):
            blk = m[y * H // h:max((y + 1) * H // h, y * H // h + 1), x * W // w:max((x + 1) * W // w, x * W // w + 1)]
            out[y, x] = blk.mean() if blk.size else 0
    return out


def make_activations(d, rng, U, h, w, S, dtype):
    N = len(d.local)
    A = np.zeros((N, U, h, w))
    masks = [{c: ref.load_mask(os.path.join(d.root, p), S) for c, p in ms.items()} for _, ms in d.local]
    usable = [c[0] for c in d.concepts if c[0] not in EMPTY]
    kinds = []
    for u in range(U):
        kind = [2, 1, 0, 2, 3, 4, 6, 2, 5, 1][u % 10] if U > 1 else 2
        kinds.append(kind)
        if kind == 0:      # silent unit
            A[:, u] = 0.25
        elif kind == 1:    # few integer levels: ties at the threshold, ties among per-image maxima
            A[:, u] = rng.integers(0, 4, size=(N, h, w))
        elif kind == 2:    # aligned with one concept's masks, quantised to 0.5
            c = usable[rng.integers(0, len(usable))]
            for n in range(N):
                base = _area_down(masks[n][c], h, w) * 4 if c in masks[n] else np.zeros((h, w))
                A[n, u] = np.round((base + rng.normal(0, 0.6, (h, w))) * 2) / 2
        elif kind == 3:    # continuous
            A[:, u] = rng.normal(0, 1, (N, h, w))
        elif kind == 4:    # negative values, coarse
            A[:, u] = -np.round(rng.random((N, h, w)) * 3, 1)
        elif kind == 5:    # constant on local images, varying on global
            A[:, u] = -1.5
        elif kind == 6:    # constant per image, three levels: many tied maxima, hi/lo from these
            A[:, u] = rng.integers(0, 3, size=(N, 1, 1))
    G = {}
    for fam, _, subs in d.families:
        NG = sum(len(i) for _, i in subs)
        g = np.zeros((NG, U, h, w))
        pos = 0
        for si, (_, imgs) in enumerate(subs):
            for _ in imgs:
                for u in range(U):
                    kind = kinds[u]
                    if kind == 0:
                        g[pos, u] = 0.25
                    elif kind in (1, 6):
                        g[pos, u] = rng.integers(0, 3, size=(1 if kind == 6 else h, 1 if kind == 6 else w)) + (si if u % 3 == 0 else 0)
                    else:
                        g[pos, u] = np.round(rng.normal(si * (u % 4) * 0.7, 1, (h, w)), 1)
                pos += 1
        G[fam] = g
    npdt = np.dtype("<f2") if dtype == "float16" else np.dtype("<f4")
    A = A.astype(npdt)
    G = {k: v.astype(npdt) for k, v in G.items()}
    return A, G


def write_activations(folder, A, G):
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(os.path.join(folder, "global"))
    np.save(os.path.join(folder, "local.npy"), np.ascontiguousarray(A))
    for k, v in G.items():
        np.save(os.path.join(folder, "global", k + ".npy"), np.ascontiguousarray(v))


# --------------------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------------------

def r6(x):
    x = float(x)
    if x == 0:
        return 0.0
    return float(f"{x:.6g}")


def ulp6(x):
    """One unit in the 6th significant digit of x."""
    x = abs(float(x))
    if x == 0:
        return 1e-300
    return 10.0 ** (math.floor(math.log10(x)) - 5)


class Checker:
    def __init__(self, label, verbose):
        self.label, self.verbose = label, verbose
        self.counts = defaultdict(lambda: [0, 0, 0])   # quantity -> [compared, exact, within-rounding]
        self.fails = defaultdict(list)

    def num(self, q, where, mine, theirs, extra=""):
        c = self.counts[q]
        c[0] += 1
        if theirs is None or not isinstance(theirs, (int, float)) or isinstance(theirs, bool):
            self.fails[q].append(f"{where}: mine={mine!r} hnd-gate={theirs!r} {extra}")
            return
        if r6(mine) == float(theirs):
            c[1] += 1
        elif abs(float(mine) - float(theirs)) <= ulp6(max(abs(mine), abs(theirs))) * 1.0000001:
            c[2] += 1      # differs by at most one unit in the 6th digit (float summation order at a boundary)
        else:
            self.fails[q].append(f"{where}: mine={mine!r} (r6 {r6(mine)!r}) hnd-gate={theirs!r} {extra}")

    def eq(self, q, where, mine, theirs, extra=""):
        c = self.counts[q]
        c[0] += 1
        if mine == theirs and type(mine) == type(theirs):
            c[1] += 1
        else:
            self.fails[q].append(f"{where}: mine={mine!r} hnd-gate={theirs!r} {extra}")

    def report(self):
        ok = True
        for q in sorted(set(self.counts) | set(self.fails)):
            n, ex, rnd = self.counts[q]
            f = self.fails.get(q, [])
            status = "PASS" if not f else "FAIL"
            ok &= not f
            note = f" ({rnd} within one 6th-digit unit)" if rnd else ""
            if f or self.verbose:
                print(f"  {status} {q}: {n - len(f)}/{n} agree{note}")
            for line in f[:12]:
                print(f"      {line}")
            if len(f) > 12:
                print(f"      ... {len(f) - 12} more")
        return ok


def compare(d, r, j, case, chk):
    L = j["layers"][0]
    U = r["U"]
    C = len(d.concepts)
    cn = [c[0] for c in d.concepts]
    chk.eq("top_count(k)", "layer", r["k"], L["top_count"])
    chk.eq("map_size", "layer", [r["h"], r["w"]], L["map_size"])
    chk.eq("units.length", "layer", U, len(L["units"]))
    chk.eq("settings.tally_size", "settings", case["S"], j["settings"]["tally_size"])
    for fr in r["families"]:
        chk.num("settings.family_thresholds", fr["family"], fr["theta"], j["settings"]["family_thresholds"].get(fr["family"]))
    for u in range(min(U, len(L["units"]))):
        ju = L["units"][u]
        chk.eq("unit.index", f"u{u}", u, ju["unit"])
        chk.num("threshold T_u", f"u{u}", r["T"][u], ju["threshold"])
        chk.eq("iou.keys", f"u{u}", cn, list(ju["iou"].keys()))
        for c in range(C):
            I, Un = int(r["I"][u, c]), int(r["Un"][u, c])
            ti, to = int(r["tie_in"][u, c]), int(r["tie_out"][u, c])
            want = ju["iou"].get(cn[c])
            note = f"(I={I} Un={Un}; exact ties at T_u in/out of mask: {ti}/{to})"
            if isinstance(want, (int, float)) and r6(r["IoU"][u, c]) != want:
                sol = [(a, b) for a in range(ti + 1) for b in range(to + 1)
                       if Un + b > 0 and r6((I + a) / (Un + b)) == want]
                if sol:
                    note += (f" EXPLAINED if hnd-gate counts {sol[0][0]}+{sol[0][1]} pixels whose exact upsampled"
                             f" value equals T_u as active (rounding)")
            chk.num("iou[u,c]", f"u{u} c{c}={cn[c]}", r["IoU"][u, c], want, note)
        chk.eq("top_concept c*", f"u{u}", cn[r["cstar"][u]], ju["top_concept"],
               f"(my IoU row {[r6(x) for x in r['IoU'][u]]})")
        chk.num("top_iou", f"u{u}", r["IoU"][u, r["cstar"][u]], ju["top_iou"])
        chk.eq("localisable", f"u{u}", bool(r["localisable"][u]), ju["localisable"], f"(top IoU {r['IoU'][u, r['cstar'][u]]!r})")
        chk.eq("region", f"u{u}", r["region"][u], ju["region"])
        mine_keys = [cn[c] for c in sorted(r["Pk"][u])]
        chk.eq("concepts.keys", f"u{u}", mine_keys, list(ju["concepts"].keys()))
        for c in sorted(r["Pk"][u]):
            jc = ju["concepts"].get(cn[c])
            if jc is None:
                continue
            chk.num("P_k", f"u{u} k={cn[c]}", r["Pk"][u][c], jc["p"])
            chk.eq("interpretable", f"u{u} k={cn[c]}", bool(r["interp"][u][c]), jc["interpretable"], f"(P_k={r['Pk'][u][c]!r})")
        chk.eq("families.keys", f"u{u}", [f["family"] for f in r["families"]], list(ju["families"].keys()))
        for fr in r["families"]:
            jf = ju["families"].get(fr["family"], {})
            chk.eq("subgroups.keys", f"u{u} {fr['family']}", fr["subgroups"], list(jf.keys()))
            for i, s in enumerate(fr["subgroups"]):
                js = jf.get(s)
                if js is None:
                    continue
                chk.num("P_s", f"u{u} {fr['family']}/{s}", fr["P"][u, i], js["p"])
                chk.eq("biased", f"u{u} {fr['family']}/{s}", bool(fr["biased"][u, i]), js["biased"],
                       f"(P_s={fr['P'][u, i]!r}, theta={fr['theta']})")
        # top images: maxima must be my largest per-image maxima, in non-increasing order
        ti = ju["top_images"]
        mine = r["top_images"][u][:len(ti)]
        for t, (jt, mt) in enumerate(zip(ti, mine)):
            chk.num("top_images.max", f"u{u} #{t}", mt[1], jt["max"])
            # the image must have that maximum (ties may be listed in any order)
            n = [x[0] for x in d.local].index(jt["image"]) if jt["image"] in [x[0] for x in d.local] else None
            chk.eq("top_images.image has that max", f"u{u} #{t} {jt['image']}",
                   True, n is not None and r6(r["m_local"][n, u]) == jt["max"])
            chk.eq("top_images.image (tie order: canonical)", f"u{u} #{t}", mt[0], jt["image"])
    s, js = r["summary"], L["summary"]
    chk.eq("summary.units", "summary", s["units"], js["units"])
    chk.num("summary.coverage_hnd", "summary", s["coverage_hnd"], js["coverage_hnd"])
    chk.num("summary.coverage_netdissect", "summary", s["coverage_netdissect"], js["coverage_netdissect"])
    chk.eq("summary.unlocalisable", "summary", s["unlocalisable"], js["unlocalisable"])
    chk.eq("summary.biased_ratio.keys", "summary", list(s["biased_ratio"]), list(js["biased_ratio"]))
    for fam, v in s["biased_ratio"].items():
        jv = js["biased_ratio"].get(fam, {"ratio": None, "subgroups": {}})
        chk.num("summary.biased_ratio[G]", fam, v["ratio"], jv["ratio"])
        chk.eq("summary.biased_ratio[G].keys", fam, list(v["subgroups"]), list(jv["subgroups"]))
        for sg, x in v["subgroups"].items():
            chk.num("summary.biased_ratio[G][s]", f"{fam}/{sg}", x, jv["subgroups"].get(sg))
    for key in ("units_per_concept", "units_per_region", "units_per_type"):
        chk.eq(f"summary.{key}", "summary", s[key], js[key])
    chk.eq("summary.local_global", "summary", s["local_global"], js["local_global"])


# --------------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------------

def cases():
    out = []
    shapes = [(1, 1), (3, 5), (7, 7), (2, 3), (5, 2), (4, 4)]
    sizes = [10, 16, 23, 7, 12, 31]
    us = [1, 3, 7, 12, 20, 10]
    i = 0
    for seed in range(1, 13):
        h, w = shapes[i % len(shapes)]
        c = dict(id=i, seed=seed, h=h, w=w, S=sizes[i % len(sizes)], U=us[i % len(us)],
                 dtype="float16" if i % 2 else "float32", variant=0, q="0.005", tau=0.04, theta={})
        out.append(c)
        i += 1
    # larger quantiles (more than one value in the top-k, ties at T_u), tau = 0 (sum-zero regions), overrides
    extra = [
        dict(q="0.1", tau=0.04), dict(q="0.29", tau=0.04), dict(q="0.07", tau=0.0),
        dict(q="0.2", tau=0.0, variant=1), dict(q="0.05", tau=0.1, theta={"g2": 0.5, "g4": 0.26}),
        dict(q="0.15", tau=0.02, variant=1), dict(q="0.3", tau=0.0, theta={"g2t": 0.5}),
        dict(q="0.01", tau=0.04),
        # q*V is an integer but the float64 product q*V falls just below it (0.29*100 = 28.999999999999996)
        dict(q="0.29", tau=0.04, n_local=20, h=1, w=5),
        dict(q="0.57", tau=0.0, n_local=25, h=2, w=2),
        dict(q="0.07", tau=0.04, n_local=20, h=5, w=1),     # 0.07*100 = 7.000000000000001
        # tell "q*V in binary64" (87) from "exact product of the binary64 q" (86); decimal reading: 87
        dict(q="0.29", tau=0.04, n_local=20, h=3, w=5),
        dict(q="0.3", tau=0.0, n_local=20, h=1, w=1),       # 0.3*20: float 6, binary-exact 5, decimal 6
        dict(q="0.58", tau=0.04, n_local=15, h=5, w=2),     # 0.58*150: float 86, binary-exact 86? decimal 87
    ]
    for e in extra:
        seed = 100 + i
        h, w = shapes[i % len(shapes)]
        c = dict(id=i, seed=seed, h=h, w=w, S=sizes[(i + 1) % len(sizes)], U=us[(i + 2) % len(us)],
                 dtype="float16" if i % 2 else "float32", variant=0, theta={})
        c.update(e)
        out.append(c)
        i += 1
    return out


def features(d, A, G, r, case):
    """What awkward situations this case actually produced (so a PASS means something)."""
    U, N = r["U"], r["N"]
    A = A.astype(np.float64)
    f = {}
    f["silent"] = sum(1 for u in range(U) if A[:, u].min() == A[:, u].max())
    f["T_ties(>1 value == T_u)"] = sum(1 for u in range(U) if np.sum(A[:, u] == r["T"][u]) > 1)
    f["T_tie_straddles_k"] = sum(1 for u in range(U) if np.sum(A[:, u] > r["T"][u]) + np.sum(A[:, u] == r["T"][u]) > r["k"])
    f["px_upsampled==T_u(exact)"] = int(r["ties_T"].sum())
    f["tied_maxima_units"] = sum(1 for u in range(U) if len(set(r["m_local"][:, u].tolist())) < N)
    f["localisable"] = sum(r["localisable"])
    f["sum0_region(nonsilent)"] = sum(1 for u in range(U) if r["localisable"][u] and A[:, u].min() != A[:, u].max()
                                      and all(v == 0 for v in r["Pk"][u].values()))
    f["interpretable"] = sum(1 for u in range(U) if any(r["interp"][u].values()))
    f["biased"] = sum(1 for u in range(U) if any(fr["biased"][u].any() for fr in r["families"]))
    masks = [ms for _, ms in d.local]
    f["imgs_multi_region"] = sum(1 for ms in masks if len({d.concepts[d.cindex[c]][2] for c in ms}) > 1)
    f["k"] = r["k"]
    f["q*V"] = f"{case['q']}*{N * r['h'] * r['w']}"
    return ", ".join(f"{k}={v}" for k, v in f.items())


def run_case(case, verbose=False, nearest="half", k_rule="decimal"):
    base = os.path.join(WORK, f"case{case['id']:02d}")
    os.makedirs(base, exist_ok=True)
    d = build_dictionary(os.path.join(base, "dict"), case["seed"], case["variant"], case.get("n_local"))
    rng = np.random.default_rng(case["seed"] * 7919 + 1)
    A, G = make_activations(d, rng, case["U"], case["h"], case["w"], case["S"], case["dtype"])
    acts = os.path.join(base, "acts")
    write_activations(acts, A, G)
    out = os.path.join(base, "results.json")
    if os.path.exists(out):
        os.remove(out)
    cmd = ["dotnet", DLL, "dissect", "--activations", acts, "--dictionary", d.root, "--tally-size", str(case["S"]),
           "--out", out, "--quiet", "--quantile", case["q"], "--iou-threshold", repr(case["tau"])]
    for k, v in case["theta"].items():
        cmd += ["--theta", f"{k}={v}"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    label = (f"case {case['id']}: seed={case['seed']} N={len(d.local)} U={case['U']} h×w={case['h']}×{case['w']} "
             f"S={case['S']} {case['dtype']} q={case['q']} tau={case['tau']} theta={case['theta']} variant={case['variant']}")
    print(label)
    if p.returncode != 0:
        print(f"  FAIL hnd-gate exit {p.returncode}: {p.stderr.strip()[:2000]}")
        return False, None
    if p.stderr.strip():
        print("  hnd-gate stderr:", p.stderr.strip()[:500])
    with open(out) as f:
        j = json.load(f)
    r = ref.dissect(d, A, G, case["S"], case["q"], case["tau"], case["theta"], nearest=nearest, k_rule=k_rule)
    print("  exercised:", features(d, A, G, r, case))
    chk = Checker(label, verbose)
    compare(d, r, j, case, chk)
    ok = chk.report()
    if ok:
        n = sum(v[0] for v in chk.counts.values())
        print(f"  PASS all {n} quantities ({len(chk.counts)} kinds)")
    else:
        # diagnose the nearest-neighbour convention for masks
        other = "floor" if nearest == "half" else "half"
        r2 = ref.dissect(d, A, G, case["S"], case["q"], case["tau"], case["theta"], nearest=other, k_rule=k_rule)
        c2 = Checker(label, False)
        compare(d, r2, j, case, c2)
        nf = sum(len(v) for v in chk.fails.values())
        nf2 = sum(len(v) for v in c2.fails.values())
        print(f"  diagnosis: mismatches with {nearest} nearest masks {nf}, with {other} nearest masks {nf2}")
        if "top_count(k)" in chk.fails:
            for kr in ("decimal", "float", "double"):
                r3 = ref.dissect(d, A, G, case["S"], case["q"], case["tau"], case["theta"], nearest=nearest, k_rule=kr)
                c3 = Checker(label, False)
                compare(d, r3, j, case, c3)
                print(f"  diagnosis: k rule {kr!r} (k={r3['k']}): {sum(len(v) for v in c3.fails.values())} mismatches")
    return ok, chk


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--case", type=int, action="append")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--k-rule", choices=["decimal", "float", "double"], default="decimal",
                    help="R2's k = floor(q*V): q as a decimal (default), q*V in binary64, or the binary64 q exactly")
    ap.add_argument("--nearest", choices=["half", "floor"], default="floor",
                    help="mask nearest-neighbour convention of the reference (see hnd_reference.py)")
    a = ap.parse_args()
    cs = cases()
    if a.case:
        cs = [c for c in cs if c["id"] in a.case]
    elif a.quick:
        cs = cs[:4]
    print(f"hnd-gate: {DLL}\nreference conventions: masks nearest={a.nearest!r}, k rule={a.k_rule!r} "
          f"(see README.md; the spec names neither)\nwork folder: {WORK}\n")
    totals = defaultdict(lambda: [0, 0])
    allok = True
    for c in cs:
        ok, chk = run_case(c, a.verbose or bool(a.case), a.nearest, a.k_rule)
        allok &= ok
        if chk:
            for q, (n, _, _) in chk.counts.items():
                totals[q][0] += n
                totals[q][1] += len(chk.fails.get(q, []))
    print("\n== totals over", len(cs), "cases ==")
    for q in sorted(totals):
        n, f = totals[q]
        print(f"  {'PASS' if not f else 'FAIL'} {q}: {n - f}/{n}")
    print("OVERALL:", "PASS" if allok else "FAIL")
    return 0 if allok else 1


if __name__ == "__main__":
    sys.exit(main())
