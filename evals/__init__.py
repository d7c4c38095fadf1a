"""Evaluation suite of Raadsassistent: ``assistant eval`` (see ``evals/README.md``).

Modules, one per concern: ``data`` (the labelled sets), ``metrics`` (pure functions, no model),
``systems`` (the pipeline variants and the naive LangChain baseline), ``runner`` (runs a suite from
``config.toml``), ``report`` (report.md, report.json, plots).
"""
