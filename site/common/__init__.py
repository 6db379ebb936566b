"""Small helpers several apps share, with no knowledge of any app: the bottom of the graph.

Nothing here imports a project app, and everything may import from here (see
tests/test_dependencies.py for the order apps depend in).
"""
