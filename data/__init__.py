"""The kit's data: the column, its metadata and every dataset, described by datapackage.json.

This file only makes the folder importable as ``kit.data`` inside an installed wheel, so the kit can
read it through ``importlib.resources``; there is no code here.
"""
