#!/usr/bin/python3
"""The usual way: the script a researcher writes to do what NetBetti does.

PyTorch to train, NumPy corrcoef for the neuron metric, the ripser program for
persistence, epoch after epoch, one stage after the other. Kept as plain as
such a script is; the benchmark (bench/epoch_bench.cpp) runs it on the same
data as NetBetti and compares the times. Prints one JSON object per epoch.

  /usr/bin/python3 bench/reference_script.py DATA_DIR --layers 4,512,512,2 --epochs 5
DATA_DIR holds train_x.npy, train_y.npy and probe_x.npy (float32 / int64).
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn as nn


def make_net(layers):
    modules = []
    for i in range(len(layers) - 1):
        modules.append(nn.Linear(layers[i], layers[i + 1]))
        if i < len(layers) - 2:
            modules.append(nn.ReLU())
    return nn.Sequential(*modules)


def activations(net, x):
    """Hidden ReLU outputs and the softmax output, samples x neurons."""
    outs = []
    h = x
    for m in net:
        h = m(h)
        if isinstance(m, nn.ReLU):
            outs.append(h)
    outs.append(torch.softmax(h, dim=1))
    return torch.cat(outs, dim=1).numpy()


def ripser_h1(dist, workdir):
    path = os.path.join(workdir, "dist.csv")
    np.savetxt(path, dist, fmt="%.8f", delimiter=",")
    out = subprocess.run(["ripser", "--format", "distance", "--dim", "1", path],
                         capture_output=True, text=True, check=True).stdout
    bars = {0: [], 1: []}
    dim = None
    for line in out.splitlines():
        if line.startswith("persistence intervals in dim"):
            dim = int(line.split()[-1].rstrip(":"))
        elif line.strip().startswith("[") and dim is not None:
            b, d = line.strip()[1:-1].split(",")
            bars[dim].append((float(b), float(d) if d.strip() else float("inf")))
    return bars


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--layers", default="4,512,512,2")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    x = torch.from_numpy(np.load(os.path.join(args.data, "train_x.npy")))
    y = torch.from_numpy(np.load(os.path.join(args.data, "train_y.npy")))
    probe = torch.from_numpy(np.load(os.path.join(args.data, "probe_x.npy")))
    layers = [int(w) for w in args.layers.split(",")]
    net = make_net(layers)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    workdir = tempfile.mkdtemp()

    for epoch in range(args.epochs + 1):
        t0 = time.perf_counter()
        if epoch > 0:
            net.train()
            perm = torch.randperm(len(x))
            for i in range(0, len(x), args.batch_size):
                idx = perm[i:i + args.batch_size]
                opt.zero_grad()
                loss = loss_fn(net(x[idx]), y[idx])
                loss.backward()
                opt.step()
        t1 = time.perf_counter()
        net.eval()
        with torch.no_grad():
            a = activations(net, probe)
        t2 = time.perf_counter()
        c = np.corrcoef(a.T)
        c = np.nan_to_num(c)  # constant neurons: correlation 0
        d = np.sqrt(1.0 - np.abs(c))
        np.fill_diagonal(d, 0.0)
        t3 = time.perf_counter()
        bars = ripser_h1(d, workdir)
        t4 = time.perf_counter()
        print(json.dumps({"epoch": epoch, "train": t1 - t0, "probe": t2 - t1, "metric": t3 - t2,
                          "persistence": t4 - t3, "total": t4 - t0, "neurons": int(a.shape[1]),
                          "h1_bars": len(bars[1]),
                          "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}),
              flush=True)


if __name__ == "__main__":
    sys.exit(main())
