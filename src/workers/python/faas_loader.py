"""Loading user scripts and describing their functions in MetaCall terms (docs/protocol.md)."""
import importlib.util
import inspect
import os
import sys

from faas_protocol import exc_message

# Annotation name -> MetaCall type id. typing's List / Dict count as their builtin counterparts.
_TYPE_IDS = {"bool": 0, "int": 4, "float": 6, "str": 7, "bytes": 8, "list": 9, "dict": 10,
             "List": 9, "Dict": 10}
_ANY = 20
_EMPTY = inspect.Parameter.empty


class LoadError(Exception):
    """A script could not be imported; the message names the script and the cause."""

    def __init__(self, message, type_name):
        super().__init__(message)
        self.type_name = type_name


def load(params):
    """Import the scripts of a `load` request. Returns (handles for the reply, list of
    (name, function, is_async, signature)).
    Bad params raise ValueError; a script that fails to import raises LoadError."""
    try:
        scripts = [{"name": s.get("name") or os.path.basename(s["path"]), "path": str(s["path"])}
                   for s in params["scripts"]]
        import_paths = [str(p) for p in params.get("importPaths") or ()]
        root = params.get("root")
        extend_sys_path(scripts, str(root) if root else None, import_paths)
    except (TypeError, KeyError, AttributeError, ValueError) as exc:
        raise ValueError("load needs params.scripts as [{name, path}]: %s" % exc)
    handles, table = [], []
    for script in scripts:
        try:
            module = import_script(script["path"])
        except BaseException as exc:  # a script calling sys.exit() is a load error too
            name = type(exc).__name__
            err = LoadError("%s: %s: %s" % (script["name"], name, exc_message(exc)), name)
            err.__cause__ = exc
            raise err
        funcs = []
        for name, fn in exported_functions(module):
            is_async = inspect.iscoroutinefunction(fn)
            sig = signature_of(fn)
            funcs.append(describe(name, sig, is_async))
            table.append((name, fn, is_async, sig))
        handles.append({"name": script["name"], "funcs": funcs})
    return handles, table


# Modules this worker loaded, by name: re-loading one of them may replace it in sys.modules.
_loaded = {}


def extend_sys_path(scripts, root, import_paths):
    """Script folders, then the app root, then importPaths go first on sys.path (like running
    `PYTHONPATH=<installed deps> python script.py` from the app root)."""
    wanted = [os.path.dirname(s["path"]) for s in scripts]
    if root:
        wanted.append(root)
    wanted.extend(import_paths)
    front = []
    for p in wanted:
        p = os.path.abspath(p)
        if p not in front:
            front.append(p)
    sys.path[:] = front + [p for p in sys.path if p not in front]
    importlib.invalidate_caches()


def import_script(path):
    """Import a script by path as a module named after its file stem, registered in sys.modules so
    scripts can import each other. A stem that names an already imported module that is not one of
    ours (e.g. a script called json.py) gets a private name instead, so the worker keeps working."""
    stem = os.path.splitext(os.path.basename(path))[0]
    name = stem
    existing = sys.modules.get(name)
    if existing is not None and name not in _loaded:
        if _same_file(getattr(existing, "__file__", None), path):
            return existing  # already imported by an earlier script: keep the one instance
        name = "_faas_app_" + stem
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError("not a Python module: %s" % path)
    module = importlib.util.module_from_spec(spec)
    previous = sys.modules.get(name)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        if previous is None:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = previous
        raise
    _loaded[name] = module
    return module


def _same_file(a, b):
    return bool(a) and os.path.realpath(a) == os.path.realpath(b)


def exported_functions(module):
    """(name, function) for every public function defined in the module, in definition order."""
    out = []
    for name, obj in list(vars(module).items()):
        if name.startswith("_") or not inspect.isfunction(obj):
            continue
        if getattr(obj, "__module__", None) != module.__name__:
            continue  # imported into the module, not defined there
        out.append((name, obj))
    return out


def type_of(annotation):
    """MetaCall type of an annotation: real objects or strings (from __future__ annotations)."""
    if annotation is _EMPTY:
        return {"name": "", "id": _ANY}
    if isinstance(annotation, str):
        # "list[int]" / "typing.List[int]" / "'float'" -> "list" / "List" / "float"
        name = annotation.strip().strip("'\"").split("[", 1)[0].strip().rsplit(".", 1)[-1]
        return {"name": name, "id": _TYPE_IDS.get(name, _ANY)}
    if annotation is None:
        return {"name": "None", "id": _ANY}
    name = getattr(annotation, "__name__", None) or getattr(annotation, "_name", None)
    if not isinstance(name, str):
        return type_of(str(annotation))  # e.g. int | None: parse its text like a string annotation
    # Generic aliases (list[int], typing.List[int]) take their id from the origin class.
    origin = getattr(annotation, "__origin__", None)
    key = origin.__name__ if isinstance(origin, type) else name
    return {"name": name, "id": _TYPE_IDS.get(key, _ANY)}


def signature_of(fn):
    try:
        return inspect.signature(fn)
    except (TypeError, ValueError):
        return None


def describe(name, sig, is_async):
    """The protocol's function description; *args / **kwargs are listed under their own names."""
    params = sig.parameters.values() if sig is not None else ()
    ret = sig.return_annotation if sig is not None else _EMPTY
    return {
        "name": name,
        "async": is_async,
        "signature": {
            "ret": {"type": type_of(ret)},
            "args": [{"name": p.name, "type": type_of(p.annotation)} for p in params],
        },
    }
