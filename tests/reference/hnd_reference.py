#!/usr/bin/python3
"""Independent reference implementation of Hierarchical Network Dissection, rules R2-R8,
written from the project's specification (shared/spec/hnd-method.md) alone (no hnd-gate source was read).

Plain and slow on purpose: float64 everywhere, loops where they make the rule readable.
torch is used only for bilinear upsampling (align_corners=False, i.e. half-pixel centres, R3).

Inputs
  * a Face Dictionary folder (Format B `hnd-dictionary.json`, or Format A, the published layout)
  * activation files: DIR/local.npy (N x U x h x w) and DIR/global/<family>.npy (docs/activations.md)
  * tally size S, quantile q (a decimal string), tau_iou, per-family theta overrides

Mask resizing (R1.3 says only "resized to S x S with nearest-neighbour").  The spec does not name the
nearest convention.  We use HALF-PIXEL-CENTRE nearest: destination pixel i samples source pixel
floor((i + 0.5) * in / out), computed exactly in integers.  Reason: the same spec states its bilinear
resizes with half-pixel centres (align_corners = false), PIL's NEAREST and torch's 'nearest-exact' use
this convention, and the spec's closing note says the authors resized "with OpenCV/PIL defaults".
The alternative (legacy torch 'nearest' / OpenCV INTER_NEAREST: floor(i * in / out)) is available with
nearest="floor" so a cross-check can tell which one an implementation follows.
"""
import json
import math
import os
from fractions import Fraction

import numpy as np
import torch
from PIL import Image

TYPES = ("action_unit", "part", "attribute")

# --------------------------------------------------------------------------------------------------
# Dictionary reading (face-dictionary.md)
# --------------------------------------------------------------------------------------------------

STANDARD = [
    # (region, [(name, type)])
    ("eye", [("AU_1", "action_unit"), ("AU_2", "action_unit"), ("AU_4", "action_unit"), ("AU_5", "action_unit"),
             ("left_brow", "part"), ("right_brow", "part"), ("left_eye", "part"), ("right_eye", "part"),
             ("Arched_Eyebrows", "attribute"), ("Bushy_Eyebrows", "attribute"), ("Eyeglasses", "attribute"),
             ("Narrow_Eyes", "attribute")]),
    ("cheek", [("AU_6", "action_unit"), ("left_cheek", "part"), ("right_cheek", "part"),
               ("Bags_Under_Eyes", "attribute"), ("High_Cheekbones", "attribute"), ("Rosy_Cheeks", "attribute"),
               ("No_Beard", "attribute"), ("5_o_Clock_Shadow", "attribute")]),
    ("nose", [("AU_9", "action_unit"), ("nose", "part"), ("Big_Nose", "attribute"), ("Pointy_Nose", "attribute")]),
    ("mouth", [("AU_12", "action_unit"), ("AU_15", "action_unit"), ("AU_20", "action_unit"), ("AU_25", "action_unit"),
               ("mouth", "part"), ("Big_Lips", "attribute"), ("Mouth_Slightly_Open", "attribute"),
               ("Mustache", "attribute"), ("Smiling", "attribute"), ("Wearing_Lipstick", "attribute")]),
    ("chin", [("AU_17", "action_unit"), ("AU_26", "action_unit"), ("Double_Chin", "attribute"), ("Goatee", "attribute")]),
]
STANDARD_GLOBAL = [
    ("age", "Age", ["zero_to_twenty", "twenty_to_forty", "forty_to_sixty", "sixty_plus"]),
    ("gender", "Gender", ["male", "female"]),
    ("ethnicity", "Ethnicity", ["white", "black", "asian", "indian"]),
    ("skin_tone", "skin_tone", ["bright", "dark"]),
]
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".bmp")


class Dictionary:
    """concepts: list of (name, type, region), in dictionary order.
    local: list of (image_path, {concept: mask_path}) in canonical order (paths relative to root).
    families: list of (family, theta_or_None, [(subgroup, [image paths])])."""

    def __init__(self, root, concepts, local, families):
        self.root, self.concepts, self.local, self.families = root, concepts, local, families
        self.cindex = {c[0]: i for i, c in enumerate(concepts)}
        self.regions = []  # regions in order of first appearance among the concepts
        for _, _, r in concepts:
            if r not in self.regions:
                self.regions.append(r)


def _glob_segment(pattern, name):
    # '*' and '?' match within one path segment
    import fnmatch
    return fnmatch.fnmatchcase(name, pattern)


def _expand_glob(root, pattern):
    parts = pattern.split("/")
    found = [""]
    for p in parts:
        nxt = []
        for base in found:
            d = os.path.join(root, base) if base else root
            if any(ch in p for ch in "*?"):
                if os.path.isdir(d):
                    for n in os.listdir(d):
                        if _glob_segment(p, n):
                            nxt.append(base + "/" + n if base else n)
            else:
                cand = base + "/" + p if base else p
                if os.path.exists(os.path.join(root, cand)):
                    nxt.append(cand)
        found = nxt
    found = [f for f in found if os.path.isfile(os.path.join(root, f))]
    return sorted(found, key=lambda s: s.encode("utf-16-be"))  # ordinal comparison (UTF-16 code units)


def load_dictionary(root, **format_a_readings):
    man = os.path.join(root, "hnd-dictionary.json")
    if os.path.exists(man):
        return _load_format_b(root, man)
    return _load_format_a(root, **format_a_readings)


def _load_format_b(root, man):
    with open(man, encoding="utf-8") as f:
        j = json.load(f)
    concepts = [(c["name"], c["type"], c["region"]) for c in j["concepts"]]
    local = []
    if isinstance(j["local"], dict):
        import csv
        with open(os.path.join(root, j["local"]["csv"]), newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        for r in rows:
            if local and local[-1][0] == r["image"]:
                local[-1][1][r["concept"]] = r["mask"]
            else:
                local.append((r["image"], {r["concept"]: r["mask"]}))
    else:
        for e in j["local"]:
            local.append((e["image"], {m["concept"]: m["mask"] for m in e["masks"]}))
    families = []
    for g in j["global"]:
        subs = []
        for s in g["subgroups"]:
            if "images" in s:
                # canonical order: files sorted by ordinal comparison of their relative paths
                imgs = sorted(s["images"], key=lambda p: p.encode("utf-16-be"))
            else:
                imgs = _expand_glob(root, s["glob"])
            subs.append((s["name"], imgs))
        families.append((g["family"], g.get("threshold"), subs))
    return Dictionary(root, concepts, local, families)


class DictionaryError(Exception):
    """The dictionary cannot be read (the reference's reading of shared/spec/face-dictionary.md)."""


# Format A readings (shared/spec/face-dictionary.md, "Format A: the published layout").  Where the spec is
# silent the reading taken is marked (silent); crosscheck.py probes each one against hnd-gate.
#  * CSVs: Action_Units.csv, Attributes.csv, then Parts.csv or (when there is no Parts.csv) Parts_half.csv;
#    a missing CSV contributes no rows (silent).  RFC 4180 CSV: quoted fields, CRLF or LF line ends; a UTF-8
#    byte-order mark is not part of the header (silent).  Header exactly `image,labels` (else an error).
#  * Every row is one local image (canonical order: the three CSVs' rows in file order), also when its photo
#    appears in another row of the same or another CSV (silent; docs/face-dictionary.md: "each row is an
#    entry").  A row with an empty `labels` field is a local image carrying no concept (silent): it counts
#    in N and in R2's thresholds, and in no tally.
#  * `labels`: split at `;`; empty items (a trailing `;`) are skipped (silent); items are taken as written,
#    no whitespace trimmed (RFC 4180: spaces are part of a field).  Concept = file name without extension,
#    matched case-sensitively against the 38 standard concepts.  Items whose name is `lm` or ends in
#    `_overlap` are ignored ("Extra files such as *_overlap.png and lm.png are ignored"; the spec means
#    files on disk; we also ignore them when listed (silent)).  Any other unknown name is an error
#    naming the file and line.  A concept twice in one row is an error (docs/face-dictionary.md).
#  * Concepts: the 38 standard ones in the spec's order, whether or not any row carries them.
#  * Global: families age, gender, ethnicity, skin_tone in the spec's order from non_localizable/<Family>/
#    matched case-insensitively; a missing family folder means the family is absent (silent); subgroups in
#    the standard order, folders matched case-insensitively; a missing or empty subgroup is an error.  A
#    subgroup's images are the PNG/JPEG/BMP files directly in its folder (extension case-insensitive;
#    other files ignored, silent), sorted ordinally (UTF-16 code units) by their paths relative to root.
IGNORED_EXTRA = ("lm",)


def _labels_items(field, trim=False):
    return [m.strip() if trim else m for m in field.split(";") if (m.strip() if trim else m) != ""]


def _load_format_a(root, strict=True, trim=False, lenient=False):
    """trim=True: the alternative reading (whitespace around fields and `;`-items is trimmed).
    lenient=True (--lenient): a row with an unknown concept is dropped instead of refused."""
    import csv
    concepts = []
    for region, cs in STANDARD:
        for name, t in cs:
            concepts.append((name, t, region))
    known = {c[0] for c in concepts}
    local = []
    parts = "Parts.csv" if os.path.exists(os.path.join(root, "Parts.csv")) else "Parts_half.csv"
    for csvname in ("Action_Units.csv", "Attributes.csv", parts):
        p = os.path.join(root, csvname)
        if not os.path.exists(p):
            continue
        with open(p, newline="", encoding="utf-8-sig") as f:
            rd = csv.reader(f)
            rows = list(rd)
        if not rows or rows[0] != ["image", "labels"]:
            raise DictionaryError(f"{csvname}: line 1: header must be image,labels, got {rows[:1]!r}")
        for ln, r in enumerate(rows[1:], start=2):
            if r == []:
                continue                                   # blank line (e.g. a trailing newline)
            if len(r) != 2:
                raise DictionaryError(f"{csvname}: line {ln}: {len(r)} fields")
            masks = {}
            if trim:
                r = [x.strip() for x in r]
            drop = False
            for m in _labels_items(r[1], trim):
                name = os.path.splitext(os.path.basename(m))[0]
                if name in IGNORED_EXTRA or name.endswith("_overlap"):
                    continue
                if name not in known:
                    if lenient:
                        drop = True
                        continue
                    raise DictionaryError(f"{csvname}: line {ln}: unknown concept {name!r} ({m})")
                if name in masks:
                    raise DictionaryError(f"{csvname}: line {ln}: concept {name!r} twice")
                if strict and not os.path.isfile(os.path.join(root, m)):
                    raise DictionaryError(f"{csvname}: line {ln}: missing mask {m!r}")
                masks[name] = m
            if strict and not os.path.isfile(os.path.join(root, r[0])):
                raise DictionaryError(f"{csvname}: line {ln}: missing image {r[0]!r}")
            if strict:       # docs/face-dictionary.md: "A mask must have the size of its image"
                size = Image.open(os.path.join(root, r[0])).size
                for m in masks.values():
                    if Image.open(os.path.join(root, m)).size != size:
                        raise DictionaryError(f"{m}: mask size differs from its image {r[0]}")
            if not drop:
                local.append((r[0], masks))
    families = []
    nl = os.path.join(root, "non_localizable")
    entries = {e.lower(): e for e in os.listdir(nl)} if os.path.isdir(nl) else {}
    for fam, folder, subs in STANDARD_GLOBAL:
        if folder.lower() not in entries:
            continue
        fdir = entries[folder.lower()]
        sentries = {e.lower(): e for e in os.listdir(os.path.join(nl, fdir))}
        sl = []
        for s in subs:
            if s.lower() not in sentries:
                raise DictionaryError(f"non_localizable/{fdir}: no subgroup folder {s!r}")
            sd = sentries[s.lower()]
            rel = "non_localizable/" + fdir + "/" + sd
            files = [rel + "/" + n for n in os.listdir(os.path.join(root, rel))
                     if n.lower().endswith(IMAGE_EXT) and os.path.isfile(os.path.join(root, rel, n))]
            if not files:
                raise DictionaryError(f"{rel}: subgroup without images")
            sl.append((s, sorted(files, key=lambda p: p.encode("utf-16-be"))))
        families.append((fam, None, sl))
    return Dictionary(root, concepts, local, families)


# --------------------------------------------------------------------------------------------------
# R1.3 masks, R3 upsampling
# --------------------------------------------------------------------------------------------------

def nearest_index(out, inp, convention="half"):
    """Source index of each destination index for a nearest resize of `inp` pixels to `out` pixels.
    half : floor((i + 0.5) * inp / out)  (pixel centres; PIL NEAREST, torch 'nearest-exact')
    floor: floor(i * inp / out)          (torch legacy 'nearest', OpenCV INTER_NEAREST)
    Exact integer arithmetic, clamped to inp - 1."""
    if convention == "half":
        return [min((2 * i + 1) * inp // (2 * out), inp - 1) for i in range(out)]
    return [min(i * inp // out, inp - 1) for i in range(out)]


def load_mask(path, S, convention="half"):
    """R1.3: grey, nearest resize to S x S, binarise (> 127 for 8-bit, > 0 for 1-bit)."""
    im = Image.open(path)
    if im.mode == "1":
        a = np.asarray(im.convert("L")) > 0           # 1-bit: value > 0
    else:
        a = np.asarray(im.convert("L")) > 127         # 8-bit: value > 127 (grey via ITU-R 601 luma)
    H, W = a.shape
    ri = nearest_index(S, H, convention)
    ci = nearest_index(S, W, convention)
    out = np.zeros((S, S), dtype=bool)
    for y in range(S):
        for x in range(S):
            out[y, x] = a[ri[y], ci[x]]
    return out


def exact_bilinear_value(a, S, y, x):
    """The exact (rational) value of the align_corners=False bilinear upsampling of map a (h x w) to
    S x S at destination pixel (y, x): source coordinate (i + 1/2) * in / out - 1/2, clamped at 0,
    the neighbour index clamped at in - 1.  Activations are binary floats, so this is exact."""
    def axis(i, n_in):
        src = Fraction((2 * i + 1) * n_in - S, 2 * S)
        if src < 0:
            src = Fraction(0)
        i0 = math.floor(src)
        i1 = i0 + 1 if i0 < n_in - 1 else i0
        l1 = src - i0
        return i0, i1, 1 - l1, l1
    h, w = a.shape
    y0, y1, hy0, hy1 = axis(y, h)
    x0, x1, wx0, wx1 = axis(x, w)
    f = lambda v: Fraction(float(v))
    return (hy0 * (wx0 * f(a[y0, x0]) + wx1 * f(a[y0, x1])) +
            hy1 * (wx0 * f(a[y1, x0]) + wx1 * f(a[y1, x1])))


def active_map(a, S, T):
    """R2/R3: B = upsampled map > T, decided exactly.  Bilinear in float64 by torch; every pixel whose
    float64 value lies within 1e-9 (relative) of T is decided again in exact rational arithmetic, so that
    an interpolation of values that are all equal to T is never 'active' through rounding."""
    up = upsample(a[None], S)[0]
    B = up > T
    near = np.abs(up - T) <= 1e-9 * max(1.0, abs(T))
    tie = np.zeros_like(B)            # pixels whose exact upsampled value equals T_u (not active)
    Tf = Fraction(float(T))
    for y, x in zip(*np.nonzero(near)):
        v = exact_bilinear_value(a, S, y, x)
        B[y, x] = v > Tf
        tie[y, x] = v == Tf
    return B, tie


def upsample(maps, S, dtype=torch.float64):
    """Bilinear, align_corners=False, of maps (n x h x w) to n x S x S; returns float64 numpy."""
    t = torch.from_numpy(np.ascontiguousarray(maps)).to(dtype)[:, None]
    return torch.nn.functional.interpolate(t, size=(S, S), mode="bilinear", align_corners=False)[:, 0].double().numpy()


# --------------------------------------------------------------------------------------------------
# R5 rank-weighted score
# --------------------------------------------------------------------------------------------------

def rank_scores(m, lo, hi, groups):
    """m: per-image maxima of the list P (in list order). groups: lists of positions into P.
    Returns CS_g for every group (R5)."""
    n = len(m)
    if hi == lo:
        return [0.0 for _ in groups]
    ms = [(m[i] - lo) / (hi - lo) for i in range(n)]
    order = sorted(range(n), key=lambda i: m[i])          # Python's sort is stable: ties keep list order
    R = [0.0] * n
    for pos, i in enumerate(order):
        R[i] = (pos + 1) / n
    out = []
    for g in groups:
        if len(g) == 0:
            out.append(0.0)                                # empty group: no images, score 0 (spec silent)
            continue
        s = 0.0
        for i in g:
            s += R[i] * ms[i]
        out.append(s / len(g))
    return out


def default_theta(K):
    if K == 2:
        return 0.55
    if K == 4:
        return 0.30
    return 1.2 / K


# --------------------------------------------------------------------------------------------------
# R2-R8
# --------------------------------------------------------------------------------------------------

def dissect(d, local_acts, global_acts, S, q="0.005", tau=0.04, theta_override=None, nearest="half",
            top_images=5, k_rule="decimal"):
    """d: Dictionary; local_acts: N x U x h x w array; global_acts: {family: N_G x U x h x w}.
    q is a decimal string (k = max(1, floor(q*V)) is computed exactly)."""
    theta_override = theta_override or {}
    A = np.asarray(local_acts, dtype=np.float64)
    N, U, h, w = A.shape
    C = len(d.concepts)
    res = {"N": N, "U": U, "h": h, "w": w}

    # ---------------- R2: thresholds
    V = N * h * w
    k = max(1, math.floor(Fraction(q) * V))                 # q as the decimal it is written as
    if k_rule == "double":                                   # q as the binary64 number nearest to it
        k = max(1, math.floor(Fraction(float(q)) * V))
    elif k_rule == "float":                                  # q*V evaluated in binary64 arithmetic
        k = max(1, math.floor(float(q) * V))
    res["k"] = k
    T = np.zeros(U)
    for u in range(U):
        vals = sorted(A[:, u].ravel().tolist(), reverse=True)
        T[u] = vals[k - 1]                                  # k-th largest, ties counted with multiplicity
    res["T"] = T

    # ---------------- masks
    masks = []  # per image: {concept index: bool S x S}
    for img, ms in d.local:
        masks.append({d.cindex[c]: load_mask(os.path.join(d.root, p), S, nearest) for c, p in ms.items()})

    # ---------------- R3: tally
    I = np.zeros((U, C), dtype=np.int64)
    Un = np.zeros((U, C), dtype=np.int64)
    # fragile: pixels of the images carrying c whose upsampled value is (within 1e-9) equal to T_u, so that
    # an implementation that interpolates in finite precision may decide them either way.
    # tie_in / tie_out: pixels (inside / outside the mask, images carrying c) whose exact upsampled value
    # equals T_u.  They are not active; an implementation that interpolates in finite precision may round
    # some of them above T_u.  Kept only to explain disagreements.
    tie_in = np.zeros((U, C), dtype=np.int64)
    tie_out = np.zeros((U, C), dtype=np.int64)
    ties_T = np.zeros(U, dtype=np.int64)      # per unit, over all local images
    for u in range(U):
        for n in range(N):
            B, tie = active_map(A[n, u], S, T[u])
            ties_T[u] += int(tie.sum())
            for c, M in masks[n].items():
                I[u, c] += int(np.sum(B & M))
                Un[u, c] += int(np.sum(B | M))
                tie_in[u, c] += int(np.sum(tie & M))
                tie_out[u, c] += int(np.sum(tie & ~M))
    IoU = np.zeros((U, C))
    for u in range(U):
        for c in range(C):
            IoU[u, c] = I[u, c] / Un[u, c] if Un[u, c] > 0 else 0.0
    res.update(I=I, Un=Un, IoU=IoU, tie_in=tie_in, tie_out=tie_out, ties_T=ties_T)

    # ---------------- R4: region
    cstar, localisable, region = [], [], []
    for u in range(U):
        best = 0
        for c in range(1, C):
            if IoU[u, c] > IoU[u, best]:                    # strict: ties keep the first listed concept
                best = c
        cstar.append(best)
        loc = IoU[u, best] >= tau
        localisable.append(loc)
        region.append(d.concepts[best][2] if loc else None)
    res.update(cstar=cstar, localisable=localisable, region=region)

    # per-image maxima (un-upsampled)
    m_local = A.reshape(N, U, h * w).max(axis=2)           # N x U
    res["m_local"] = m_local

    # ---------------- R6: Stage I
    fam_res = []
    for fam, theta_manifest, subs in d.families:
        G = np.asarray(global_acts[fam], dtype=np.float64)
        K = len(subs)
        theta = theta_override.get(fam, theta_manifest if theta_manifest is not None else default_theta(K))
        # groups: positions into P (P = all images of the family in canonical order)
        groups, pos = [], 0
        for _, imgs in subs:
            groups.append(list(range(pos, pos + len(imgs))))
            pos += len(imgs)
        assert pos == G.shape[0], (fam, pos, G.shape)
        P = np.zeros((U, K))
        biased = np.zeros((U, K), dtype=bool)
        for u in range(U):
            vals = G[:, u]
            lo, hi = float(vals.min()), float(vals.max())
            m = [float(vals[n].max()) for n in range(G.shape[0])]
            cs = rank_scores(m, lo, hi, groups)
            tot = sum(cs)
            for s in range(K):
                P[u, s] = cs[s] / tot if tot != 0 else 0.0
                biased[u, s] = P[u, s] > theta
        fam_res.append({"family": fam, "theta": theta, "subgroups": [s for s, _ in subs], "P": P, "biased": biased})
    res["families"] = fam_res

    # ---------------- R7: Stage III
    lo_l = [float(A[:, u].min()) for u in range(U)]
    hi_l = [float(A[:, u].max()) for u in range(U)]
    Pk = [dict() for _ in range(U)]          # unit -> {concept index: P_k}
    interp = [dict() for _ in range(U)]      # unit -> {concept index: bool}
    for u in range(U):
        if not localisable[u]:
            continue
        r = region[u]
        rc = [c for c in range(C) if d.concepts[c][2] == r]
        P = [n for n in range(N) if any(d.concepts[c][2] == r for c in masks[n])]
        groups = [[i for i, n in enumerate(P) if c in masks[n]] for c in rc]
        m = [float(m_local[n, u]) for n in P]
        cs = rank_scores(m, lo_l[u], hi_l[u], groups)
        cs = [cs[i] * IoU[u, c] for i, c in enumerate(rc)]
        tot = sum(cs)
        Kr = sum(1 for g in groups if len(g) > 0)
        for i, c in enumerate(rc):
            p = cs[i] / tot if tot != 0 else 0.0
            Pk[u][c] = p
            interp[u][c] = (p > 1.5 / Kr) if Kr > 0 else False
    res.update(Pk=Pk, interp=interp)

    # ---------------- R8: summary
    is_interp = [any(interp[u].values()) for u in range(U)]
    is_biased = [any(fr["biased"][u].any() for fr in fam_res) for u in range(U)]
    summ = {"units": U}
    summ["coverage_hnd"] = sum(1 for u in range(U) if is_interp[u] or is_biased[u]) / U
    summ["coverage_netdissect"] = sum(1 for u in range(U) if IoU[u, cstar[u]] >= tau) / U
    summ["unlocalisable"] = sum(1 for u in range(U) if not localisable[u])
    br = {}
    for fr in fam_res:
        br[fr["family"]] = {
            "ratio": sum(1 for u in range(U) if fr["biased"][u].any()) / U,
            "subgroups": {s: int(fr["biased"][:, i].sum()) / U for i, s in enumerate(fr["subgroups"])},
        }
    summ["biased_ratio"] = br
    summ["units_per_concept"] = {d.concepts[c][0]: sum(1 for u in range(U) if interp[u].get(c, False))
                                 for c in range(C)}
    summ["units_per_region"] = {r: sum(1 for u in range(U) if region[u] == r and is_interp[u]) for r in d.regions}
    used_types = [t for t in TYPES if any(c[1] == t for c in d.concepts)]
    summ["units_per_type"] = {t: sum(1 for u in range(U) if any(v and d.concepts[c][1] == t
                                                                  for c, v in interp[u].items()))
                              for t in used_types}
    lg = []
    for c in range(C):
        for fr in fam_res:
            for i, s in enumerate(fr["subgroups"]):
                n = sum(1 for u in range(U) if interp[u].get(c, False) and fr["biased"][u, i])
                if n:
                    lg.append({"concept": d.concepts[c][0], "family": fr["family"], "subgroup": s, "units": n})
    summ["local_global"] = lg
    res["summary"] = summ

    # top images (largest maximum first; ties: canonical order)
    tops = []
    for u in range(U):
        order = sorted(range(N), key=lambda n: -m_local[n, u])
        tops.append([(d.local[n][0], float(m_local[n, u])) for n in order[:top_images]])
    res["top_images"] = tops
    return res


def load_activations(folder, d):
    local = np.load(os.path.join(folder, "local.npy"))
    glob = {fam: np.load(os.path.join(folder, "global", fam + ".npy")) for fam, _, _ in d.families}
    return local, glob


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dictionary", required=True)
    ap.add_argument("--activations", required=True)
    ap.add_argument("--tally-size", type=int, required=True)
    ap.add_argument("--quantile", default="0.005")
    ap.add_argument("--iou-threshold", type=float, default=0.04)
    ap.add_argument("--theta", action="append", default=[])
    ap.add_argument("--nearest", default="half", choices=["half", "floor"])
    a = ap.parse_args()
    d = load_dictionary(a.dictionary)
    L, G = load_activations(a.activations, d)
    th = {t.split("=")[0]: float(t.split("=")[1]) for t in a.theta}
    r = dissect(d, L, G, a.tally_size, a.quantile, a.iou_threshold, th, a.nearest)
    print(json.dumps(r["summary"], indent=2))
