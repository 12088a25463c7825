"""Action grammar tables for the unit tests, read from BrowserGym's and pyautogui's own sources.

Neither package installs here, so tests/fixtures/action-grammars/*.json are taken from their
sources with Python's ast (nothing is imported or run):

    python3 scripts/action-grammar-tables.py BROWSERGYM_CHECKOUT PYAUTOGUI_CHECKOUT PLAYWRIGHT_CHECKOUT

Each checkout is a git directory or work tree (github.com/ServiceNow/BrowserGym,
github.com/asweigart/pyautogui, github.com/microsoft/playwright); BrowserGym and pyautogui are
read at HEAD, Playwright at the version browsergym-core pins (its key names are what BrowserGym's
press() and keyboard_press() take), and each commit is recorded.
"""
import ast
import json
import re
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "action-grammars"


def git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True).stdout


def source(repo: str, path: str, rev: str = "HEAD") -> ast.Module:
    return ast.parse(git(repo, "show", f"{rev}:{path}"))


def params(fn: ast.FunctionDef) -> list[dict]:
    """Each parameter: name, kind, its annotation's source, and its default's source (absent when required)."""
    a = fn.args
    positional = a.posonlyargs + a.args
    defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    out = []
    for p, d in zip(positional, defaults):
        out.append({"name": p.arg, "kind": "positional_or_keyword", "annotation": ast.unparse(p.annotation) if p.annotation else None,
                    **({"default": ast.unparse(d)} if d is not None else {})})
    if a.vararg:
        out.append({"name": a.vararg.arg, "kind": "var_positional", "annotation": None})
    for p, d in zip(a.kwonlyargs, a.kw_defaults):
        out.append({"name": p.arg, "kind": "keyword_only", "annotation": ast.unparse(p.annotation) if p.annotation else None,
                    **({"default": ast.unparse(d)} if d is not None else {})})
    if a.kwarg:
        out.append({"name": a.kwarg.arg, "kind": "var_keyword", "annotation": None})
    return out


def functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def assigned(tree: ast.Module, name: str) -> ast.expr:
    for n in tree.body:
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in n.targets):
            return n.value
    raise KeyError(name)


def version(tree: ast.Module) -> str:
    return ast.literal_eval(assigned(tree, "__version__"))


def browsergym(repo: str) -> dict:
    base = "browsergym/core/src/browsergym/core"
    fns = functions(source(repo, f"{base}/action/functions.py"))
    subsets_expr = assigned(source(repo, f"{base}/action/highlevel.py"), "ACTION_SUBSETS")
    subsets = {ast.literal_eval(k): [e.id for e in v.elts] for k, v in zip(subsets_expr.keys, subsets_expr.values)}
    return {
        "source": {"package": "browsergym-core", "version": version(source(repo, f"{base}/__init__.py")),
                   "repository": "https://github.com/ServiceNow/BrowserGym", "commit": git(repo, "rev-parse", "HEAD").strip(),
                   "files": [f"{base}/action/functions.py", f"{base}/action/highlevel.py"]},
        # HighLevelActionSet always allows noop, whatever the subsets.
        "always": ["noop"],
        "subsets": subsets,
        "functions": {name: params(fns[name]) for name in sorted({f for s in subsets.values() for f in s} | {"noop"})},
    }


# The calls our pyautogui style writes, and the other calls a trainer's pyautogui space usually holds.
PYAUTOGUI_FUNCTIONS = ["click", "doubleClick", "rightClick", "tripleClick", "moveTo", "dragTo", "mouseDown", "mouseUp",
                       "scroll", "hscroll", "vscroll", "typewrite", "press", "hotkey", "keyDown", "keyUp", "sleep"]


def mapped_names(repo: str, platform: str) -> list[str]:
    """The key names (longer than a character) a platform module maps in keyboardMapping.update({...}): a KEY_NAME
    it leaves out is accepted by press() and silently does nothing there. Single characters are mapped on each."""
    names = set()
    for n in ast.walk(source(repo, f"pyautogui/_pyautogui_{platform}.py")):
        if (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "update"
                and isinstance(n.func.value, ast.Name) and n.func.value.id == "keyboardMapping"):
            names.update(k for k in map(ast.literal_eval, n.args[0].keys) if len(k) > 1)
    return sorted(names)


def pyautogui(repo: str) -> dict:
    tree = source(repo, "pyautogui/__init__.py")
    fns = functions(tree)
    aliases = {}
    for n in tree.body:  # write = typewrite, shortcut = hotkey ...
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Name) and n.value.id in fns and len(n.targets) == 1:
            aliases[n.targets[0].id] = n.value.id
    table = {name: params(fns[name]) for name in PYAUTOGUI_FUNCTIONS}
    table.update({alias: params(fns[target]) for alias, target in aliases.items() if target in PYAUTOGUI_FUNCTIONS})
    return {
        "source": {"package": "pyautogui", "version": version(tree), "repository": "https://github.com/asweigart/pyautogui",
                   "commit": git(repo, "rev-parse", "HEAD").strip(), "files": ["pyautogui/__init__.py", "pyautogui/_pyautogui_x11.py", "pyautogui/_pyautogui_win.py", "pyautogui/_pyautogui_osx.py"]},
        "aliases": aliases,
        "functions": table,
        "KEY_NAMES": ast.literal_eval(assigned(tree, "KEY_NAMES")),
        "mapped": {platform: mapped_names(repo, platform) for platform in ("x11", "win", "osx")},
    }


def js_string(literal: str) -> str:
    """A single-quoted JavaScript string literal's value (JS drops the backslash of an unknown escape)."""
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "r": "\r", "t": "\t"}.get(m.group(1), m.group(1)), literal[1:-1])


def playwright_keys(repo: str, browsergym_repo: str) -> dict:
    """The key names Playwright's keyboard.press() resolves (server/input.ts, buildLayoutClosure): the US layout's
    codes, the aliases, and the one-character keys and shifted keys of keys outside the keypad."""
    pin = re.search(r"^playwright==([\d.]+)$", git(browsergym_repo, "show", "HEAD:browsergym/core/requirements.txt"), re.M).group(1)
    tag = f"v{pin}.0" if pin.count(".") == 1 else f"v{pin}"
    layout = git(repo, "show", f"{tag}:packages/playwright-core/src/server/usKeyboardLayout.ts")
    input_ts = git(repo, "show", f"{tag}:packages/playwright-core/src/server/input.ts")
    string = r"'(?:[^'\\]|\\.)*'"
    names = set()
    for code, body in re.findall(rf"^\s*({string}): \{{(.*)\}},?$", layout, re.M):
        names.add(js_string(code))
        fields = {js_string(k): v for k, v in re.findall(rf"({string}): ({string}|\d+)", body)}
        if "location" in fields:
            continue  # the keypad: reachable by its code only
        for field in ("key", "shiftKey"):
            if field in fields and len(js_string(fields[field])) == 1:
                names.add(js_string(fields[field]))
    aliases = re.search(r"const aliases = new Map<string, string\[\]>\(\[(.*?)\]\);", input_ts, re.S).group(1)
    names.update(js_string(a) for a in re.findall(string, aliases))
    if "'ControlOrMeta'" in input_ts:
        names.add("ControlOrMeta")
    return {
        "source": {"package": "playwright", "version": tag[1:], "repository": "https://github.com/microsoft/playwright",
                   "commit": git(repo, "rev-parse", f"{tag}^{{commit}}").strip(),
                   "files": ["packages/playwright-core/src/server/usKeyboardLayout.ts", "packages/playwright-core/src/server/input.ts"],
                   "pinned_by": f"browsergym-core requirements.txt: playwright=={pin}"},
        "keys": sorted(names),
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for data in (browsergym(sys.argv[1]), pyautogui(sys.argv[2]), playwright_keys(sys.argv[3], sys.argv[1])):
        src = data["source"]
        path = OUT / f"{src['package']}-{src['version']}.json"
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        print(path)


if __name__ == "__main__":
    main()
