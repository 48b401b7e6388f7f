"""The core's own hook implementations: ordinary plugins registered ``trylast``.

Any installed plugin that answers the same firstresult hook wins over them.
"""
