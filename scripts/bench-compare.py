#!/usr/bin/env python3
"""The ratio table of scripts/bench.sh: pipeline-bench's JSON against the reference scripts' JSON lines.

Usage: scripts/bench-compare.py [--rounds N] OURS.json TF.jsonl TORCH.jsonl PROBES.txt
With --rounds N the files are OURS.json.1 … OURS.json.N and so on (missing files are skipped), and each
framework's figure is its better round's (every round is printed too).
Rows: width × training/inference × median step/best step; GFLOP/s from the median (training counted
as 3 × forward, as in the reference scripts); ratio = ours / the faster of the references.
"""
import json
import os
import sys


def lines(path):
    if not os.path.exists(path):
        return {}
    rows = {}
    for line in open(path):
        r = json.loads(line)
        rows[(r["width"], r["batch"])] = r
    return rows


METRICS = ("train_img_s", "train_img_s_best", "infer_img_s", "infer_img_s_best")


def best_of(rounds):
    """One row per (width, batch[, batchnorm]) with each metric the best over the rounds."""
    best = {}
    for rows in rounds:
        for key, r in rows.items():
            if key not in best:
                best[key] = dict(r)
            else:
                for k in METRICS:
                    if r.get(k) and r[k] > best[key].get(k, 0):
                        best[key][k] = r[k]
    return best


def load_ours(path):
    if not os.path.exists(path):
        return None
    return json.load(open(path))


def main(ours_path, tf_path, torch_path, probes_path, rounds=None):
    suffixes = [f".{i}" for i in range(1, rounds + 1)] if rounds else [""]
    our_runs = [o for o in (load_ours(ours_path + s) for s in suffixes) if o]
    if not our_runs:
        print(f"no figures of ours at {ours_path}")
        return
    ours = our_runs[0]
    keyed = [{(m["width"], m["batch"], bool(m.get("batchnorm"))): m for m in o["models"]} for o in our_runs]
    ours["models"] = list(best_of(keyed).values())
    ref_rounds = {"TF-Keras": [lines(tf_path + s) for s in suffixes], "PyTorch": [lines(torch_path + s) for s in suffixes]}
    refs = {n: best_of(rs) for n, rs in ref_rounds.items()}
    if len(suffixes) > 1:
        print(f"each framework's figure below is its better of {len(suffixes)} rounds; median-step img/s of every round:")
        for m in ours["models"]:
            key = (m["width"], m["batch"], bool(m.get("batchnorm")))
            label = f"w{m['width']}{'+BN' if key[2] else ''}"
            for mode in ("train", "infer"):
                cells = [f"ours " + " / ".join(f"{k[key][mode + '_img_s']:.2f}" for k in keyed if key in k)]
                if not key[2]:
                    for n, rs in ref_rounds.items():
                        vals = [f"{r[key[:2]][mode + '_img_s']:.2f}" for r in rs if key[:2] in r]
                        if vals:
                            cells.append(f"{n} " + " / ".join(vals))
                print(f"  {label:<6} {mode:<5} " + "; ".join(cells))
    peak = ours.get("fma_gflops_2t") or ours["sgemm_gflops_2t"]
    print(f"CPU {ours['cpu']}, kernel path {ours['kernel_path']}; FMA probe {ours.get('fma_gflops_1t', 0):.1f} GFLOP/s "
          f"on 1 thread, {peak:.1f} on 2; sgemm 2048² {ours['sgemm_gflops_2t']:.1f} on 2")
    if os.path.exists(probes_path):
        print("probe2t: " + "; ".join(l.strip() for l in open(probes_path)))
    if not ours["models"]:
        print("no whole-model figures (pipeline-bench ran with --no-model)")
        return
    names = [n for n in refs if refs[n]]
    head = f"{'width':>5} {'measure':<18} {'ours':>8}" + "".join(f" {n:>9}" for n in names) + f" {'ratio':>6}"
    print(head)
    for m in ours["models"]:
        if m.get("batchnorm"):
            continue
        key = (m["width"], m["batch"])
        for mode in ("train", "infer"):
            for stat, suffix in (("median", ""), ("best", "_best")):
                k = f"{mode}_img_s{suffix}"
                theirs = [refs[n][key].get(k) if key in refs[n] else None for n in names]
                known = [t for t in theirs if t]
                ratio = f"{m[k] / max(known):6.2f}" if known else "     -"
                cells = "".join(f" {t:>9.2f}" if t else f" {'-':>9}" for t in theirs)
                print(f"{m['width']:>5} {mode + ' img/s ' + stat:<18} {m[k]:>8.2f}{cells} {ratio}")
            fl = m["fwd_flops_per_img"] / 1e9 * (3 if mode == "train" else 1)
            gf = [refs[n][key][f"{mode}_img_s"] * fl if key in refs[n] else None for n in names]
            ours_gf = m[f"{mode}_img_s"] * fl
            cells = "".join(f" {g:>9.1f}" if g else f" {'-':>9}" for g in gf)
            print(f"{m['width']:>5} {mode + ' GFLOP/s':<18} {ours_gf:>8.1f}{cells}")
            cells = "".join(f" {100 * g / peak:>8.0f}%" if g else f" {'-':>9}" for g in gf)
            print(f"{m['width']:>5} {mode + ' % of FMA peak':<18} {100 * ours_gf / peak:>7.0f}%{cells}")
        print(f"{m['width']:>5} {'train peak RSS':<18} {m['peak_rss_bytes'] / 2**30:>6.2f} GiB")
    for m in ours["models"]:
        if m.get("batchnorm"):
            plain = next((p for p in ours["models"] if p["width"] == m["width"] and not p.get("batchnorm")), None)
            share = f" ({m['train_img_s'] / plain['train_img_s']:.0%} of the plain model's)" if plain else ""
            print(f"width {m['width']} with batch norm and BCE + Dice (the real baseline's model): training "
                  f"{m['train_img_s']:.2f} img/s median{share}, {m['peak_rss_bytes'] / 2**30:.2f} GiB peak RSS")


if __name__ == "__main__":
    args = sys.argv[1:]
    rounds = None
    if args[:1] == ["--rounds"] and len(args) > 1:
        rounds = int(args[1])
        args = args[2:]
    if len(args) != 4:
        print(__doc__)
        sys.exit(2)
    main(*args, rounds=rounds)
