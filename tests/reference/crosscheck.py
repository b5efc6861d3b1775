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
# Dictionary builder (Format A, the published layout: shared/spec/face-dictionary.md)
# --------------------------------------------------------------------------------------------------

A_TYPES = {"Action_Units.csv": ("AU", "action_unit"), "Attributes.csv": ("attributes", "attribute"),
           "Parts.csv": ("parts", "part")}
A_UNLISTED = ("AU_4", "Goatee")   # masks of these exist on disk (AU/<id>/AU_4.png, ...) but no row lists them
A_GLOBAL = [("Age", ["zero_to_twenty", "twenty_to_forty", "forty_to_sixty", "sixty_plus"]),
            ("Gender", ["Male", "Female"]),
            ("Ethnicity", ["white", "black", "asian", "indian"]),
            ("skin_tone", ["bright", "dark"])]
# folder spellings of the global set, matched case-insensitively (variant 1 differs from the published one)
A_GLOBAL_V1 = [("age", ["Zero_To_Twenty", "twenty_to_forty", "FORTY_TO_SIXTY", "Sixty_Plus"]),
               ("GENDER", ["male", "FEMALE"]),
               ("Ethnicity", ["White", "black", "ASIAN", "Indian"]),
               ("Skin_Tone", ["Bright", "DARK"])]
# ordinal order (B, Img1, _x, a, img10, img2, z) differs from natural and case-insensitive order
A_GLOBAL_NAMES = ["img10.png", "img2.jpg", "B.png", "a.bmp", "Img1.png", "_x.jpg", "z.png", "Z0.bmp"]


def _save_photo(rng, path, W, H):
    img = Image.fromarray((rng.random((H, W, 3)) * 255).astype(np.uint8), "RGB")
    low = path.lower()
    if low.endswith(".jpg") or low.endswith(".jpeg"):
        img.save(path, "JPEG", quality=90)
    elif low.endswith(".bmp"):
        img.save(path, "BMP")
    else:
        img.save(path, "PNG")


def _save_mask_a(rng, a, path):
    """Published masks are RGB black and white; some L and 1-bit ones too."""
    mode = rng.random()
    if mode < 0.7:
        Image.fromarray(np.stack([a, a, a], axis=2), "RGB").save(path)
    elif mode < 0.85:
        Image.fromarray(a, "L").save(path)
    else:
        Image.fromarray(a > 127).convert("1").save(path)


def _csv_field(v, quote):
    if quote or any(ch in v for ch in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def write_csv_a(path, rows, crlf=False, quote_every=0, bom=False, header="image,labels"):
    """rows: (image, labels string). quote_every=k quotes the labels (and image) field of every k-th row."""
    nl = "\r\n" if crlf else "\n"
    out = header + nl
    for i, (img, lab) in enumerate(rows):
        q = quote_every and i % quote_every == 0
        out += _csv_field(img, q) + "," + _csv_field(lab, q) + nl
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        f.write(out)


def build_format_a(root, seed, opts=None):
    """A small Format A dictionary.  opts: parts (Parts.csv | Parts_half.csv), crlf, quote_every, global_v1,
    n (rows per CSV), share (rows reusing another CSV's photo).  Returns (Dictionary, layout) where
    layout = {csv name: [(image, labels)]} so probes can rewrite the CSVs."""
    o = dict(parts="Parts.csv", crlf=False, quote_every=0, global_v1=False, n=(6, 7, 5), share=True)
    o.update(opts or {})
    rng = np.random.default_rng(seed)
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(root)
    std = {n: (t, r) for r, cs in ref.STANDARD for n, t in cs}
    layout, photos = {}, {}
    for (csvname, (folder, ctype)), nrows in zip(A_TYPES.items(), o["n"]):
        choices = [n for n, (t, _) in std.items() if t == ctype and n not in A_UNLISTED]
        ids = rng.choice(np.arange(1, 40000), size=nrows, replace=False)      # rows not in id order
        rows = []
        for i in ids:
            d = f"{folder}/{int(i):06d}"
            os.makedirs(os.path.join(root, d))
            W, H = SIZES[rng.integers(0, len(SIZES))]
            img = f"{d}/original." + ("jpg" if rng.random() < 0.25 else "png")
            _save_photo(rng, os.path.join(root, img), W, H)
            photos.setdefault(csvname, []).append((img, W, H))
            cs = list(rng.choice(choices, size=int(rng.integers(1, min(5, len(choices)) + 1)), replace=False))
            labs = []
            for c in cs:
                _save_mask_a(rng, _mask_array(rng, H, W), os.path.join(root, d, c + ".png"))
                labs.append(f"{d}/{c}.png")
                if rng.random() < 0.5:      # extra files that must be ignored
                    Image.fromarray((rng.random((H, W, 3)) * 255).astype(np.uint8), "RGB").save(
                        os.path.join(root, d, c + "_overlap.png"))
            Image.fromarray((rng.random((H, W)) * 255).astype(np.uint8), "L").save(os.path.join(root, d, "lm.png"))
            for c in A_UNLISTED:            # masks no row lists: never part of the dictionary
                if std[c][0] == ctype:
                    _save_mask_a(rng, _mask_array(rng, H, W), os.path.join(root, d, c + ".png"))
            rows.append((img, ";".join(labs)))
        layout[csvname] = rows
    if o["share"]:
        # the same photo path in two CSVs: an Attributes row on an AU photo, a Parts row on an Attributes photo
        for src, dst, ctype, folder in (("Action_Units.csv", "Attributes.csv", "attribute", "attributes"),
                                        ("Attributes.csv", "Parts.csv", "part", "parts")):
            img, W, H = photos[src][int(rng.integers(0, len(photos[src])))]
            d = f"{folder}/shared{int(rng.integers(0, 1000)):03d}"
            os.makedirs(os.path.join(root, d), exist_ok=True)
            choices = [n for n, (t, _) in std.items() if t == ctype and n not in A_UNLISTED]
            labs = []
            for c in rng.choice(choices, size=2, replace=False):
                _save_mask_a(rng, _mask_array(rng, H, W), os.path.join(root, d, c + ".png"))
                labs.append(f"{d}/{c}.png")
            layout[dst].insert(int(rng.integers(0, len(layout[dst]) + 1)), (img, ";".join(labs)))
    write_layout_a(root, layout, o)
    for fi, (fam, subs) in enumerate(A_GLOBAL_V1 if o["global_v1"] else A_GLOBAL):
        for s in subs:
            d = f"non_localizable/{fam}/{s}"
            os.makedirs(os.path.join(root, d))
            for nme in rng.choice(A_GLOBAL_NAMES, size=int(rng.integers(1, 6)), replace=False):
                W, H = SIZES[rng.integers(0, len(SIZES))]
                _save_photo(rng, os.path.join(root, d, str(nme)), W, H)
    return ref.load_dictionary(root), layout


def write_layout_a(root, layout, o):
    names = {"Parts.csv": o.get("parts", "Parts.csv")}
    for csvname, rows in layout.items():
        write_csv_a(os.path.join(root, names.get(csvname, csvname)), rows, crlf=o.get("crlf", False),
                    quote_every=o.get("quote_every", 0), bom=o.get("bom", False))


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


def make_activations(d, rng, U, h, w, S, dtype, usable=None):
    N = len(d.local)
    A = np.zeros((N, U, h, w))
    masks = [{c: ref.load_mask(os.path.join(d.root, p), S) for c, p in ms.items()} for _, ms in d.local]
    if usable is None:
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
            # (Format A: the same photo may be several entries; any of them may be the one listed)
            ns = [i for i, x in enumerate(d.local) if x[0] == jt["image"]]
            chk.eq("top_images.image has that max", f"u{u} #{t} {jt['image']}",
                   True, any(r6(r["m_local"][n, u]) == jt["max"] for n in ns))
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


def cases_a():
    """Format A cases (ids 100+): the published layout with its awkward points (see build_format_a)."""
    base = dict(fmt="A", variant=0, q="0.005", tau=0.04, theta={})
    spec = [
        dict(seed=201, h=3, w=5, S=16, U=12, dtype="float32", opts={}),
        dict(seed=202, h=7, w=7, S=23, U=10, dtype="float16",
             opts=dict(parts="Parts_half.csv", crlf=True, quote_every=2, global_v1=True)),
        dict(seed=203, h=2, w=3, S=12, U=20, dtype="float32", q="0.1", tau=0.0, opts=dict(global_v1=True)),
        dict(seed=204, h=4, w=4, S=31, U=7, dtype="float16", q="0.2", tau=0.02,
             theta={"gender": 0.5, "age": 0.26}, opts=dict(crlf=True, n=(12, 10, 9))),
        dict(seed=205, h=5, w=2, S=10, U=12, dtype="float32", q="0.05", tau=0.1,
             opts=dict(parts="Parts_half.csv", quote_every=1, n=(3, 9, 4))),
        dict(seed=206, h=1, w=1, S=7, U=10, dtype="float32", q="0.3", tau=0.0, opts=dict(n=(8, 8, 8))),
    ]
    out = []
    for i, e in enumerate(spec):
        c = dict(base)
        c.update(e)
        c["id"] = 100 + i
        out.append(c)
    return out


# --------------------------------------------------------------------------------------------------
# Format A probes: the points the spec settles or leaves open, one dictionary each
# --------------------------------------------------------------------------------------------------

def _add_masks(root, rng, img, folder, concepts):
    """Masks of the photo's size for `concepts` under `folder`; returns their paths."""
    W, H = Image.open(os.path.join(root, img)).size
    os.makedirs(os.path.join(root, folder), exist_ok=True)
    out = []
    for c in concepts:
        _save_mask_a(rng, _mask_array(rng, H, W), os.path.join(root, folder, c + ".png"))
        out.append(f"{folder}/{c}.png")
    return out


def _first_mask(layout, csvname, i=0):
    return layout[csvname][i][1].split(";")[0]


def _probe_defs():
    """(name, what it does, spec verdict: 'accept' | 'refuse' | None (silent), the reading taken
    ('accept' | 'refuse'), mutate(root, layout, rng, opts) -> opts).  The spec verdict quotes
    shared/spec/face-dictionary.md; docs/face-dictionary.md (hnd-gate's own documentation) is cited apart."""
    P = []

    def add(name, what, spec, reading, why):
        def deco(f):
            P.append((name, what, spec, reading, why, f))
            return f
        return deco

    @add("dup_photo_two_csvs", "the same photo path in Action_Units.csv and Attributes.csv (and Attributes/Parts)",
         "accept", "accept", "spec: rows in order, labels per row; docs: 'The same photo may appear in several CSVs; "
         "each row is an entry' (also in every main case)")
    def _(root, L, rng, o):
        return o

    @add("dup_photo_one_csv", "the same photo twice in Attributes.csv, other masks in the second row", None, "accept",
         "spec silent; docs: 'each row is an entry'")
    def _(root, L, rng, o):
        img = L["Attributes.csv"][0][0]
        labs = _add_masks(root, rng, img, "attributes/dup1", ["Big_Lips", "Rosy_Cheeks"])
        L["Attributes.csv"].append((img, ";".join(labs)))
        return o

    @add("identical_row_twice", "one Action_Units.csv row written twice, identical", None, "accept",
         "spec silent; docs: 'each row is an entry' but also 'an entry listed twice is an error'")
    def _(root, L, rng, o):
        L["Action_Units.csv"].insert(2, L["Action_Units.csv"][1])
        return o

    @add("empty_labels", "an Attributes.csv row with an empty labels field", None, "accept",
         "spec silent (R2 counts 'every local image'; the Notation calls local images 'the images that carry "
         "local-concept masks'); reading: the row is an entry with no concept")
    def _(root, L, rng, o):
        img = L["Parts.csv"][0][0]
        L["Attributes.csv"].insert(1, (img, ""))
        return o

    @add("trailing_semicolon", "labels ending in ';' (an empty item)", None, "accept", "spec silent: empty item skipped")
    def _(root, L, rng, o):
        img, lab = L["Action_Units.csv"][0]
        L["Action_Units.csv"][0] = (img, lab + ";")
        return o

    @add("bom", "every CSV starts with a UTF-8 byte-order mark", None, "accept", "spec silent")
    def _(root, L, rng, o):
        o["bom"] = True
        return o

    @add("crlf_quoted_all", "CRLF line ends, every field quoted", "accept", "accept",
         "spec: header 'image,labels' (CSV; RFC 4180 allows both)")
    def _(root, L, rng, o):
        o.update(crlf=True, quote_every=1)
        return o

    @add("comma_in_path", "a photo folder whose name holds a comma, the field quoted", None, "accept",
         "spec silent; RFC 4180 quoting")
    def _(root, L, rng, o):
        img, lab = L["Parts.csv"][0]
        d = os.path.dirname(img)
        nd = d + ",x"
        shutil.copytree(os.path.join(root, d), os.path.join(root, nd))
        L["Parts.csv"][0] = (img.replace(d, nd), lab.replace(d, nd))
        return o

    @add("same_photo_same_concept", "the same photo in Action_Units.csv and Attributes.csv, both rows carrying "
         "Smiling (different mask files)", None, "accept",
         "spec silent; docs: 'each row is an entry' and 'A concept appears at most once per image'; reading: "
         "rows are entries, a concept at most once per row")
    def _(root, L, rng, o):
        img, lab = L["Action_Units.csv"][0]
        a = _add_masks(root, rng, img, "AU/smile_a", ["Smiling"])
        b = _add_masks(root, rng, img, "attributes/smile_b", ["Smiling"])
        L["Action_Units.csv"][0] = (img, lab + ";" + a[0])
        L["Attributes.csv"].append((img, b[0]))
        return o

    @add("unknown_concept_lenient", "as unknown_concept, with --lenient", "accept", "accept",
         "spec: '(or a warning with --lenient)'; which is dropped, the row or the mask, is silent; docs: "
         "'drops those images'; reading: the row is dropped")
    def _(root, L, rng, o):
        img, lab = L["Attributes.csv"][2]
        d = os.path.dirname(img)
        shutil.copy(os.path.join(root, lab.split(";")[0]), os.path.join(root, d, "Freckles.png"))
        L["Attributes.csv"][2] = (img, lab + f";{d}/Freckles.png")
        o["lenient"] = True
        return o

    @add("space_after_semicolon", "labels 'a.png; b.png' (a space after ';')", None, "refuse",
         "spec silent; reading: fields as written (RFC 4180), ' b.png' names no file")
    def _(root, L, rng, o):
        for k, (img, lab) in enumerate(L["Action_Units.csv"]):
            if ";" in lab:
                L["Action_Units.csv"][k] = (img, lab.replace(";", "; "))
                return o
        img, lab = L["Action_Units.csv"][0]
        L["Action_Units.csv"][0] = (img, " " + lab)
        return o

    @add("space_after_comma", "a row 'image, labels' (a space after the comma)", None, "refuse",
         "spec silent; reading: fields as written (RFC 4180)")
    def _(root, L, rng, o):
        img, lab = L["Attributes.csv"][0]
        L["Attributes.csv"][0] = (img, " " + lab)
        return o

    @add("header_case", "header 'Image,Labels'", "refuse", "refuse", "spec: 'header: image,labels'")
    def _(root, L, rng, o):
        o["header"] = "Image,Labels"
        return o

    @add("unknown_concept", "Attributes.csv line 3 lists attributes/<id>/Freckles.png (file exists)", "refuse", "refuse",
         "spec: 'Rows whose mask names no known concept are an error naming file and line'")
    def _(root, L, rng, o):
        img, lab = L["Attributes.csv"][1]
        d = os.path.dirname(img)
        shutil.copy(os.path.join(root, lab.split(";")[0]), os.path.join(root, d, "Freckles.png"))
        L["Attributes.csv"][1] = (img, lab + f";{d}/Freckles.png")
        o["expect_in_message"] = ["Attributes.csv", "3"]
        return o

    @add("concept_wrong_case", "a mask named smiling.png (the concept is Smiling)", "refuse", "refuse",
         "spec: 'the mask's file name without extension is the concept name'; no case-insensitivity stated for "
         "local concepts (only 'Folder names of the global set are matched case-insensitively')")
    def _(root, L, rng, o):
        img = L["Attributes.csv"][0][0]
        labs = _add_masks(root, rng, img, "attributes/lower", ["smiling"])
        L["Attributes.csv"][0] = (img, L["Attributes.csv"][0][1] + ";" + labs[0])
        return o

    @add("lm_listed", "labels list <id>/lm.png", None, "accept",
         "spec: 'Extra files such as *_overlap.png and lm.png are ignored' (about files on disk; silent when listed)")
    def _(root, L, rng, o):
        img, lab = L["Action_Units.csv"][0]
        L["Action_Units.csv"][0] = (img, lab + ";" + os.path.dirname(img) + "/lm.png")
        return o

    @add("overlap_listed", "labels list <id>/<concept>_overlap.png", None, "accept",
         "spec: '*_overlap.png ... ignored' (silent when listed)")
    def _(root, L, rng, o):
        img, lab = L["Parts.csv"][0]
        m = lab.split(";")[0]
        ov = m[:-4] + "_overlap.png"
        shutil.copy(os.path.join(root, m), os.path.join(root, ov))
        L["Parts.csv"][0] = (img, lab + ";" + ov)
        return o

    @add("concept_twice_in_row", "one row lists two masks of the same concept (different files)", None, "refuse",
         "spec silent; docs: 'A concept appears at most once per image'")
    def _(root, L, rng, o):
        img, lab = L["Action_Units.csv"][0]
        c = os.path.splitext(os.path.basename(lab.split(";")[0]))[0]
        labs = _add_masks(root, rng, img, "AU/again", [c])
        L["Action_Units.csv"][0] = (img, lab + ";" + labs[0])
        return o

    @add("cross_type_row", "an Action_Units.csv row carrying a part mask (left_eye) and an attribute mask",
         None, "accept", "spec: the concept is the mask's file name; its type comes from the standard set")
    def _(root, L, rng, o):
        img, lab = L["Action_Units.csv"][1]
        labs = _add_masks(root, rng, img, "parts/xtype", ["left_eye", "No_Beard"])
        L["Action_Units.csv"][1] = (img, lab + ";" + ";".join(labs))
        return o

    @add("bmp_mask", "a mask stored as BMP (AU/<id>/AU_x.bmp)", None, "accept",
         "spec: 'the mask's file name without extension is the concept name'; docs: PNG, JPEG or BMP")
    def _(root, L, rng, o):
        img, lab = L["Action_Units.csv"][0]
        m = lab.split(";")[0]
        Image.open(os.path.join(root, m)).save(os.path.join(root, m[:-4] + ".bmp"), "BMP")
        L["Action_Units.csv"][0] = (img, lab.replace(m, m[:-4] + ".bmp"))
        return o

    @add("mask_size_differs", "a mask of another size than its photo", None, "refuse",
         "spec silent (R1.3 resizes every mask to S); docs: 'A mask must have the size of its image'")
    def _(root, L, rng, o):
        m = _first_mask(L, "Parts.csv")
        a = np.asarray(Image.open(os.path.join(root, m)).convert("L"))
        Image.fromarray(np.pad(a, ((0, 1), (0, 2))), "L").save(os.path.join(root, m))
        return o

    @add("missing_photo", "a row whose photo does not exist", None, "refuse", "docs: missing files are errors")
    def _(root, L, rng, o):
        img, lab = L["Attributes.csv"][0]
        os.remove(os.path.join(root, img))
        return o

    @add("backslash_path", "a mask path written with backslashes", None, "refuse",
         "docs: 'backslashes ... are errors'")
    def _(root, L, rng, o):
        img, lab = L["Parts.csv"][0]
        L["Parts.csv"][0] = (img, lab.replace("/", "\\"))
        return o

    @add("both_parts_csvs", "Parts.csv and Parts_half.csv both present (Parts_half.csv = Parts.csv's first row)",
         None, "accept", "spec silent; reading: Parts.csv, Parts_half.csv ignored")
    def _(root, L, rng, o):
        write_csv_a(os.path.join(root, "Parts_half.csv"), L["Parts.csv"][:1])
        return o

    @add("no_parts_csv", "no Parts.csv / Parts_half.csv", None, "accept", "spec silent; reading: no Parts rows")
    def _(root, L, rng, o):
        L.pop("Parts.csv")
        return o

    @add("missing_family", "no non_localizable/skin_tone folder", None, "accept",
         "spec silent; reading: the family is absent")
    def _(root, L, rng, o):
        shutil.rmtree(os.path.join(root, "non_localizable", "skin_tone"))
        return o

    @add("missing_subgroup", "no non_localizable/Gender/Female folder", None, "refuse",
         "spec silent; docs: 'a subgroup without images is an error'")
    def _(root, L, rng, o):
        shutil.rmtree(os.path.join(root, "non_localizable", "Gender", "Female"))
        return o

    @add("empty_subgroup", "non_localizable/Age/sixty_plus holds no files", None, "refuse",
         "docs: 'a subgroup without images is an error'")
    def _(root, L, rng, o):
        d = os.path.join(root, "non_localizable", "Age", "sixty_plus")
        shutil.rmtree(d)
        os.makedirs(d)
        return o

    @add("global_other_files", "notes.txt, Thumbs.db and a subfolder with a PNG inside a subgroup folder", None,
         "accept", "spec: '<subgroup>/*'; docs: 'the PNG, JPEG and BMP files directly in its folder'; reading: "
         "those only")
    def _(root, L, rng, o):
        d = os.path.join(root, "non_localizable", "Ethnicity", "white")
        open(os.path.join(d, "notes.txt"), "w").write("x")
        open(os.path.join(d, "Thumbs.db"), "wb").write(b"\0\1")
        os.makedirs(os.path.join(d, "sub"))
        _save_photo(rng, os.path.join(d, "sub", "in_sub.png"), 5, 5)
        return o

    @add("global_ext_case", "global files x.PNG, y.jpeg, w.JPG", None, "accept",
         "spec: '<subgroup>/*'; docs: 'PNG, JPEG and BMP files'; reading: extensions case-insensitive, .jpeg is JPEG")
    def _(root, L, rng, o):
        d = os.path.join(root, "non_localizable", "Gender", "Male")
        for n in ("x.PNG", "y.jpeg", "w.JPG"):
            _save_photo(rng, os.path.join(d, n), 6, 4)
        return o

    @add("global_case_variants", "global folders AGE/Zero_To_Twenty, gender/MALE, ...", "accept", "accept",
         "spec: 'Folder names of the global set are matched case-insensitively'")
    def _(root, L, rng, o):
        nl = os.path.join(root, "non_localizable")
        for a, b in (("Age", "AGE"), ("Gender", "gender"), ("Ethnicity", "ETHNICITY"), ("skin_tone", "Skin_Tone")):
            os.rename(os.path.join(nl, a), os.path.join(nl, b))
        os.rename(os.path.join(nl, "gender", "Male"), os.path.join(nl, "gender", "MALE"))
        os.rename(os.path.join(nl, "AGE", "zero_to_twenty"), os.path.join(nl, "AGE", "Zero_To_Twenty"))
        return o

    return P


def run_probes(only=None, verbose=False, nearest="floor", k_rule="decimal"):
    """Each probe: build the base Format A dictionary, change one thing, ask hnd-gate (`dictionary info
    --json`, then `dissect`) and the reference.  Where both accept, every number is compared.
    A probe FAILS only where the spec itself settles the point and hnd-gate goes the other way, or where
    both accept and a number differs.  Returns (ok, rows, totals)."""
    rows, ok_all = [], True
    totals = defaultdict(lambda: [0, 0])
    for k, (name, what, spec, reading, why, mutate) in enumerate(_probe_defs()):
        if only and name not in only:
            continue
        base = os.path.join(WORK, f"probe-{name}")
        os.makedirs(base, exist_ok=True)
        root = os.path.join(base, "dict")
        _, layout = build_format_a(root, 300, dict(n=(4, 4, 3)))
        rng = np.random.default_rng(1000 + k)
        o = mutate(root, layout, rng, dict(parts="Parts.csv"))
        for f in ("Action_Units.csv", "Attributes.csv", "Parts.csv"):
            if f not in layout and os.path.exists(os.path.join(root, f)):
                os.remove(os.path.join(root, f))
        for csvname, rws in layout.items():
            write_csv_a(os.path.join(root, csvname), rws, crlf=o.get("crlf", False), quote_every=o.get("quote_every", 0),
                        bom=o.get("bom", False), header=o.get("header", "image,labels"))
        extra = ["--lenient"] if o.get("lenient") else []
        p = subprocess.run(["dotnet", DLL, "dictionary", "info", root, "--json"] + extra, capture_output=True, text=True)
        pv = subprocess.run(["dotnet", DLL, "dictionary", "validate", root] + extra, capture_output=True, text=True)
        gate = "accept" if p.returncode == 0 and pv.returncode == 0 else "refuse"
        msg = (p.stderr.strip() if p.returncode else pv.stderr.strip() or pv.stdout.strip()) if gate == "refuse" else ""
        try:
            mine = ref.load_dictionary(root, lenient=bool(o.get("lenient")))
            my = "accept"
            myerr = ""
        except (ref.DictionaryError, KeyError, OSError) as e:
            mine, my, myerr = None, "refuse", str(e)
        alt = ""
        if mine is None and gate == "accept":
            # hnd-gate accepted where the reading refuses: compare its numbers under the reading it evidently took
            try:
                mine, alt = ref.load_dictionary(root, trim=True, lenient=bool(o.get("lenient"))), " (trim)"
            except (ref.DictionaryError, KeyError, OSError):
                pass
        line = {"probe": name, "what": what, "spec": spec or "silent", "reading": reading, "reference": my,
                "hnd-gate": gate, "message": msg, "why": why}
        status = "agree" if gate == my else "DIFFER"
        ok = True
        if spec and gate != spec:
            ok = False
            status = "FAIL (the spec says %s)" % spec
        if my != reading:
            status += f" [reference loader gave {my}: {myerr}]"
        if gate == "accept":
            j = json.loads(p.stdout)
            line["hnd-gate counts"] = (j["local_images"], [(f["name"], f["images"]) for f in j["families"]])
            if mine is not None:
                mc = (len(mine.local), [(f, sum(len(i) for _, i in s)) for f, _, s in mine.families])
                line["reference counts"] = mc
                if mc != line["hnd-gate counts"]:
                    status += " COUNTS DIFFER"
                else:
                    case = dict(id=900 + k, fmt="A", seed=300 + k, h=3, w=4, S=11, U=10, dtype="float32", q="0.05",
                                tau=0.04, theta={}, variant=0, base=base, extra_args=extra)
                    if alt:
                        status += f"; numbers compared under the alternative reading{alt}"
                    cok, chk = run_case(case, verbose, nearest, k_rule, d=mine)
                    if chk:
                        for q, (n, _, _) in chk.counts.items():
                            totals[q][0] += n
                            totals[q][1] += len(chk.fails.get(q, []))
                        line["numbers"] = sum(v[0] for v in chk.counts.values())
                    if not cok:
                        ok = False
                        status += " NUMBERS DIFFER"
        if gate == "refuse" and o.get("expect_in_message"):
            miss = [w for w in o["expect_in_message"] if w not in msg]
            if miss:
                status += f" (message lacks {miss})"
                ok = ok and not spec
        line["status"] = status
        ok_all &= ok
        rows.append(line)
        print(f"probe {name}: {what}\n  spec: {line['spec']}; reading: {reading}; reference: {my}; hnd-gate: {gate}"
              f" -> {status}")
        if msg:
            print(f"  hnd-gate: {msg[:400]}")
        if myerr and my != reading:
            print(f"  reference: {myerr}")
        if verbose:
            print(f"  why: {why}")
    return ok_all, rows, totals


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


def run_case(case, verbose=False, nearest="half", k_rule="decimal", d=None):
    """case['fmt'] == 'A': a Format A dictionary (build_format_a with case['opts']); d: a dictionary already
    built (the probes), read by the reference."""
    base = case.get("base") or os.path.join(WORK, f"case{case['id']:02d}")
    os.makedirs(base, exist_ok=True)
    usable = None
    if d is None and case.get("fmt") == "A":
        d, _ = build_format_a(os.path.join(base, "dict"), case["seed"], case.get("opts"))
    elif d is None:
        d = build_dictionary(os.path.join(base, "dict"), case["seed"], case["variant"], case.get("n_local"))
    if case.get("fmt") == "A":
        usable = [c[0] for c in d.concepts if any(c[0] in ms for _, ms in d.local)]
    rng = np.random.default_rng(case["seed"] * 7919 + 1)
    A, G = make_activations(d, rng, case["U"], case["h"], case["w"], case["S"], case["dtype"], usable)
    acts = os.path.join(base, "acts")
    write_activations(acts, A, G)
    out = os.path.join(base, "results.json")
    if os.path.exists(out):
        os.remove(out)
    cmd = ["dotnet", DLL, "dissect", "--activations", acts, "--dictionary", d.root, "--tally-size", str(case["S"]),
           "--out", out, "--quiet", "--quantile", case["q"], "--iou-threshold", repr(case["tau"])]
    for k, v in case["theta"].items():
        cmd += ["--theta", f"{k}={v}"]
    cmd += case.get("extra_args", [])
    p = subprocess.run(cmd, capture_output=True, text=True)
    label = (f"case {case['id']}: seed={case['seed']} N={len(d.local)} U={case['U']} h×w={case['h']}×{case['w']} "
             f"S={case['S']} {case['dtype']} q={case['q']} tau={case['tau']} theta={case['theta']} "
             + (f"Format A {case.get('opts') or {}}" if case.get("fmt") == "A" else f"variant={case['variant']}"))
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
    ap.add_argument("--quick", action="store_true", help="4 Format B cases and 2 Format A cases, no probes")
    ap.add_argument("--case", type=int, action="append", help="one case by id (Format B 0-25, Format A 100+)")
    ap.add_argument("--format", choices=["A", "B", "all"], default="all",
                    help="Format B cases, Format A cases and probes, or all (default)")
    ap.add_argument("--probe", action="append", help="one Format A probe by name (see --list-probes)")
    ap.add_argument("--list-probes", action="store_true")
    ap.add_argument("--probes-json", help="write the probes' outcomes to this JSON file")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--k-rule", choices=["decimal", "float", "double"], default="decimal",
                    help="R2's k = floor(q*V): q as a decimal (default), q*V in binary64, or the binary64 q exactly")
    ap.add_argument("--nearest", choices=["half", "floor"], default="floor",
                    help="mask nearest-neighbour convention of the reference (see hnd_reference.py)")
    a = ap.parse_args()
    if a.list_probes:
        for name, what, spec, reading, why, _ in _probe_defs():
            print(f"{name}: {what} (spec: {spec or 'silent'}; reading: {reading})")
        return 0
    cs = []
    if a.format in ("B", "all"):
        cs += cases()
    if a.format in ("A", "all"):
        cs += cases_a()
    do_probes = a.format in ("A", "all") and not a.quick and not a.case
    if a.case:
        cs = [c for c in cases() + cases_a() if c["id"] in a.case]
    elif a.quick:
        cs = [c for c in cs if c["id"] < 4 or 100 <= c["id"] < 102]
    if a.probe:
        cs, do_probes = [], True
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
    if cs:
        print("\n== totals over", len(cs), "cases ==")
        for q in sorted(totals):
            n, f = totals[q]
            print(f"  {'PASS' if not f else 'FAIL'} {q}: {n - f}/{n}")
    if do_probes:
        print("\n== Format A probes ==")
        pok, rows, ptot = run_probes(a.probe, a.verbose, a.nearest, a.k_rule)
        allok &= pok
        n, f = sum(v[0] for v in ptot.values()), sum(v[1] for v in ptot.values())
        print(f"\n== probes: {sum(1 for r in rows if 'FAIL' not in r['status'] and 'DIFFER' not in r['status'])}"
              f"/{len(rows)} without a failure or difference; numbers compared where both accept: {n - f}/{n} agree ==")
        for r in rows:
            print(f"  {r['probe']}: spec {r['spec']}, reading {r['reading']}, hnd-gate {r['hnd-gate']}: {r['status']}")
        if a.probes_json:
            with open(a.probes_json, "w") as fh:
                json.dump(rows, fh, indent=1)
    print("OVERALL:", "PASS" if allok else "FAIL")
    return 0 if allok else 1


if __name__ == "__main__":
    sys.exit(main())
