"""status-gen: SYSTEM_STATUS.md generated from YAML data, and checked against it.

The public Python API (``status_gen.api.build``, ``status_gen.dataset.load_dataset``, ...) is
imported from its modules; importing the package itself stays free of pydantic and jinja2.
"""

__version__ = "0.1.0"
