"""Loads a packed dataset and export files with the real Python tools, and prints what each gave as JSON.

Usage: load_pack.py <pack dir> <config>... -- <messages.jsonl>...
For each config: load_dataset(<pack dir>, <config>) and load_dataset("parquet", data_dir=<its folder>); the first
row's screenshots must come back as PIL images, and in the default config each task's final screenshot
(final_image, on its last row) too. Each messages.jsonl must read with pyarrow's JSON reader.
"""
import json
import sys

import PIL.Image
import pyarrow.json as pj
from datasets import load_dataset


def first_images(ds):
    row = ds["train"][0] if "train" in ds else next(iter(ds.values()))[0]
    value = row["image"] if "image" in row else row["images"]
    return value if isinstance(value, list) else [value]


def final_images(ds):
    """Every final_image of every split (null on all rows but a task's last), and the outcome column's values."""
    finals = [i for split in ds.values() for i in split["final_image"] if i is not None]
    outcomes = sorted({str(o) for split in ds.values() for o in split["outcome"]})
    return (kind(finals) if finals else "none"), outcomes


def kind(images):
    return "PIL" if images and all(isinstance(i, PIL.Image.Image) for i in images) else type(images[0]).__name__


def main():
    args = sys.argv[1:]
    split = args.index("--")
    root, configs, messages = args[0], args[1:split], args[split + 1:]
    out = {"configs": {}, "parquet": {}, "messages": {}, "final": {}, "outcomes": {}}
    for name in configs:
        folder = "data" if name == "default" else name
        for key, load in (("configs", lambda: load_dataset(root, name)), ("parquet", lambda: load_dataset("parquet", data_dir=f"{root}/{folder}"))):
            try:
                ds = load()
                out[key][name] = kind(first_images(ds))
                if name == "default":
                    out["final"][key], out["outcomes"][key] = final_images(ds)
            except Exception as error:  # reported, not raised: the test names what failed
                out[key][name] = f"{type(error).__name__}: {error}"[:500]
    for path in messages:
        try:
            out["messages"][path] = pj.read_json(path).num_rows
        except Exception as error:
            out["messages"][path] = f"{type(error).__name__}: {error}"[:500]
    print(json.dumps(out))


main()
